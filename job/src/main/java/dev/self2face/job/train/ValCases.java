package dev.self2face.job.train;

import dev.self2face.job.data.SampleGrid;
import dev.self2face.job.eval.ImageQuality;
import dev.self2face.job.eval.Snapshot;
import dev.self2face.job.model.GanInput;
import dev.self2face.job.run.RunStore;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The val pairs a trained model does best and worst on, for the report: {@value RunStore#CASES} lists, for each
 * shown pair, its index among the evaluated val pairs and its L1, PSNR and SSIM; {@code cases/first.png},
 * {@code cases/best.png} and {@code cases/worst.png} show them as condition | generated | real triplets, in the
 * listed order. Only for models with a condition image (others have no real face per input).
 */
final class ValCases {
    static final int SHOWN = 6;

    private ValCases() {
    }

    static void write(Snapshot s, RunStore run) throws IOException {
        if (!s.model().type().inputs().contains(GanInput.CONDITION_IMAGE) || s.data().valPairs() == 0) {
            return;
        }
        INDArray generated = s.valGenerated();
        INDArray real = s.data().valFaces();
        INDArray conditions = s.data().valConditions();
        List<Map<String, Object>> cases = new ArrayList<>();
        for (int i = 0; i < real.size(0); i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("index", i);
            c.put("l1", Transforms.abs(generated.slice(i).sub(real.slice(i)), false).meanNumber().doubleValue());
            c.put("psnr", ImageQuality.psnr(generated.slice(i), real.slice(i)));
            c.put("ssim", ImageQuality.ssim(generated.slice(i), real.slice(i)));
            cases.add(c);
        }
        List<Map<String, Object>> bySsim = new ArrayList<>(cases);
        bySsim.sort(Comparator.comparingDouble(c -> -(double) c.get("ssim")));
        List<Map<String, Object>> first = cases.subList(0, Math.min(SHOWN, cases.size()));
        List<Map<String, Object>> best = bySsim.subList(0, Math.min(SHOWN, bySsim.size()));
        List<Map<String, Object>> worst = new ArrayList<>(bySsim.subList(Math.max(0, bySsim.size() - SHOWN),
                bySsim.size()));
        Collections.reverse(worst);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ranked_by", "ssim");
        out.put("first", first);
        out.put("best", best);
        out.put("worst", worst);
        run.writeJson(RunStore.CASES, out);
        for (Map.Entry<String, List<Map<String, Object>>> e : Map.of("first", first, "best", best, "worst", worst)
                .entrySet()) {
            long[] idx = e.getValue().stream().mapToLong(c -> (int) c.get("index")).toArray();
            run.write("cases/" + e.getKey() + ".png", SampleGrid.triplets(pick(conditions, idx), pick(generated, idx),
                    pick(real, idx), 1));
        }
    }

    private static INDArray pick(INDArray images, long[] idx) {
        INDArray[] rows = new INDArray[idx.length];
        for (int i = 0; i < idx.length; i++) {
            rows[i] = images.slice(idx[i]).reshape(1, images.size(1), images.size(2), images.size(3));
        }
        return Nd4j.concat(0, rows);
    }
}
