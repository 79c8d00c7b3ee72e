package dev.self2face.job.apply;

import dev.self2face.config.ConfigError;
import dev.self2face.job.run.RunInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The attribute vectors a conditional model is asked to generate with: {@code --labels smile=1,mouth_open=0} fixes
 * attributes (values from 0 to 1; 0 and 1 are what it was trained on); every other attribute is drawn per face as
 * often as it was 1 among the run's train faces. {@code --sweep NAME} moves one attribute from 0 to 1 across a row.
 */
public final class AttributeRequest {
    /** Columns of a sweep grid: the attribute at 0, 1/7, …, 1. */
    public static final int SWEEP_STEPS = 8;

    private final List<String> names;
    private final double[] positive;
    private final Map<String, Double> fixed;

    private AttributeRequest(List<String> names, double[] positive, Map<String, Double> fixed) {
        this.names = names;
        this.positive = positive;
        this.fixed = fixed;
    }

    /**
     * @param labels {@code name=value,…} or null
     * @throws ConfigError naming the option and the attribute when a name is not the run's or a value is not a
     *                     number from 0 to 1
     */
    public static AttributeRequest parse(RunInfo info, String labels) {
        List<String> names = new ArrayList<>(info.attributes.keySet());
        double[] positive = new double[names.size()];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = info.attributes.get(names.get(i)).getOrDefault("positive", 0.5);
        }
        Map<String, Double> fixed = new LinkedHashMap<>();
        if (labels != null && !labels.isBlank()) {
            for (String part : labels.split(",")) {
                String[] kv = part.split("=", 2);
                String name = kv[0].trim();
                if (!names.contains(name)) {
                    throw new ConfigError("--labels " + labels + ": '" + name + "' is not an attribute of this model "
                            + "(it has " + String.join(", ", names) + ")");
                }
                double v;
                try {
                    v = kv.length == 2 ? Double.parseDouble(kv[1].trim()) : Double.NaN;
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                if (!(v >= 0 && v <= 1)) {
                    throw new ConfigError("--labels " + labels + ": " + name + " needs a value from 0 to 1 (1: has "
                            + "the attribute, 0: has not), e.g. " + name + "=1");
                }
                fixed.put(name, v);
            }
        }
        return new AttributeRequest(names, positive, fixed);
    }

    public List<String> names() {
        return names;
    }

    /** Attribute vectors [n, k] for n faces: the fixed values, the others drawn with {@code seed}. */
    public INDArray vectors(int n, long seed) {
        Random r = new Random(seed);
        float[] out = new float[n * names.size()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < names.size(); j++) {
                Double f = fixed.get(names.get(j));
                out[i * names.size() + j] = f != null ? f.floatValue() : r.nextDouble() < positive[j] ? 1f : 0f;
            }
        }
        return Nd4j.create(out, new long[] {n, names.size()}, 'c').castTo(DataType.FLOAT);
    }

    /**
     * {@code rows} vectors, each repeated {@link #SWEEP_STEPS} times with attribute {@code name} going from 0 to 1:
     * a grid row per face, the other attributes fixed within the row.
     */
    public INDArray sweep(String name, int rows, long seed) {
        int a = names.indexOf(name);
        if (a < 0) {
            throw new ConfigError("--sweep " + name + ": not an attribute of this model (it has "
                    + String.join(", ", names) + ")");
        }
        if (fixed.containsKey(name)) {
            throw new ConfigError("--sweep " + name + " and --labels " + name + "=…: the swept attribute cannot also"
                    + " be fixed");
        }
        INDArray base = vectors(rows, seed);
        INDArray out = Nd4j.create(DataType.FLOAT, (long) rows * SWEEP_STEPS, names.size());
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < SWEEP_STEPS; c++) {
                INDArray row = out.getRow((long) i * SWEEP_STEPS + c);
                row.assign(base.getRow(i));
                row.putScalar(a, c / (double) (SWEEP_STEPS - 1));
            }
        }
        return out;
    }
}
