package dev.self2face.job.train;

import dev.self2face.job.run.RunStore;
import dev.self2face.storage.Storage;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On resume, metrics.jsonl keeps the lines up to the checkpoint's step: the later ones are logged again. */
class MetricsLogTest {
    @TempDir
    Path tmp;

    @Test
    void resumingDropsTheLinesAfterTheCheckpoint() throws Exception {
        RunStore run = new RunStore(new Storage(new Configuration()), tmp.resolve("run").toString());
        List<String> lines = new ArrayList<>();
        for (int step : new int[] {1, 10, 20, 30, 40}) {
            lines.add("{\"step\":" + step + ",\"loss_D_real\":0.5}");
        }
        run.writeMetrics(lines);
        assertEquals(lines.subList(0, 3), MetricsLog.resumedAt(run, 20).lines());
        assertEquals(List.of(), MetricsLog.resumedAt(run, 0).lines());
    }

    @Test
    void figuresAreWhatIsNeitherBookkeepingNorATiming() {
        for (String f : List.of("loss_D_real", "D_G_z", "val_l1", "after_round_loss_G_GAN", "sample_pairwise_l1")) {
            assertTrue(MetricsLog.isFigure(f), f);
        }
        for (String f : List.of("step", "epoch", "round", "lr", "images_per_s", "wall_s", "compute_s", "workers")) {
            assertFalse(MetricsLog.isFigure(f), f);
        }
    }
}
