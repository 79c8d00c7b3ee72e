package dev.self2face.job.data;

import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.etl.face.Png;
import dev.self2face.job.data.Batch;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stored pairs become NCHW arrays in [-1, 1], RGB first, resized, grey conditions repeated to three channels. */
class FaceTensorsTest {
    @Test
    void pairsBecomeResizedRgbArraysInMinusOneToOne() {
        Row row;
        try (Mat face = new Mat(64, 64, CV_8UC3, new Scalar(40, 80, 160, 0));
             Mat cond = new Mat(64, 64, CV_8UC1, new Scalar(255))) {
            Object[] values = new Object[PairSchema.PAIRS.fields().length];
            values[PairSchema.PAIRS.fieldIndex(PairSchema.FACE)] = Png.encode(face);
            values[PairSchema.PAIRS.fieldIndex(PairSchema.CONDITION)] = Png.encode(cond);
            row = new GenericRowWithSchema(values, PairSchema.PAIRS);
        }
        Batch b = FaceTensors.batch(List.of(row, row), 32);
        assertEquals(List.of(2L, 3L, 32L, 32L), Arrays.stream(b.image().shape()).boxed().toList());
        assertEquals(List.of(2L, 3L, 32L, 32L), Arrays.stream(b.condition().shape()).boxed().toList());
        // BGR (40, 80, 160) comes back as RGB: red channel first
        assertEquals(160 / 127.5 - 1, b.image().getDouble(1, 0, 5, 5), 1e-6);
        assertEquals(40 / 127.5 - 1, b.image().getDouble(1, 2, 5, 5), 1e-6);
        for (int c = 0; c < 3; c++) {
            assertEquals(1.0, b.condition().getDouble(0, c, 7, 9), 1e-6, "grey repeated to channel " + c);
        }
    }
}
