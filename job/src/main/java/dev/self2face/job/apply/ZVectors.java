package dev.self2face.job.apply;

import dev.self2face.config.ConfigError;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code z.csv}, the projections' file: a header {@code face,label,error_start,error_end,z0,…,z(d−1)}, then one line
 * per face — its index, where it came from (a pair id or an image file name), the reconstruction error before and
 * after the optimisation, and its z vector. Plain CSV, read by the notebook, pandas or a spreadsheet, and by
 * {@code face-math --z} to interpolate between saved faces without projecting them again.
 */
public final class ZVectors {
    private ZVectors() {
    }

    /** The file's bytes for z [n, d] with per-face labels and errors. */
    static byte[] write(INDArray z, List<String> labels, double[] start, double[] end) {
        StringBuilder csv = new StringBuilder("face,label,error_start,error_end");
        for (int k = 0; k < z.size(1); k++) {
            csv.append(",z").append(k);
        }
        csv.append('\n');
        for (int i = 0; i < z.size(0); i++) {
            csv.append(i).append(',').append(labels.get(i).replace(',', ' ')).append(',').append(fmt(start[i]))
                    .append(',').append(fmt(end[i]));
            for (int k = 0; k < z.size(1); k++) {
                csv.append(',').append(fmt(z.getDouble(i, k)));
            }
            csv.append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The z vectors [n, d] of a z.csv; {@code name} is the file's name for errors; {@code zDim} the model's. */
    static INDArray read(byte[] bytes, String name, long zDim) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
        if (lines.length < 2 || !lines[0].startsWith("face,label,error_start,error_end,z0")) {
            throw new ConfigError("--z " + name + ": not a z.csv written by face-math (header "
                    + "face,label,error_start,error_end,z0,… and one line per face)");
        }
        long columns = lines[0].split(",").length - 4L;
        if (columns != zDim) {
            throw new ConfigError("--z " + name + ": holds " + columns + "-number z vectors; the model's z has "
                    + zDim);
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].split(",");
            if (f.length != columns + 4) {
                throw new ConfigError("--z " + name + ", line " + (i + 1) + ": " + f.length + " fields, expected "
                        + (columns + 4));
            }
            double[] z = new double[(int) columns];
            try {
                for (int k = 0; k < z.length; k++) {
                    z[k] = Double.parseDouble(f[4 + k]);
                }
            } catch (NumberFormatException e) {
                throw new ConfigError("--z " + name + ", line " + (i + 1) + ": " + e.getMessage());
            }
            rows.add(z);
        }
        return Nd4j.create(rows.toArray(double[][]::new)).castTo(DataType.FLOAT);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
