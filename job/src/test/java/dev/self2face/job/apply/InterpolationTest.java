package dev.self2face.job.apply;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spherical path between two latent vectors against the same path written another way: a rotation in the plane
 * of a and b — cos(tω)·a + sin(tω)·u, u the unit part of b orthogonal to a (Gram–Schmidt) — for vectors of equal
 * length, at every t, not only at the ends.
 */
class InterpolationTest {

    static INDArray rotation(INDArray a, INDArray b, double t) {
        INDArray ua = a.div(a.norm2Number());
        INDArray orth = b.sub(ua.mul(b.mul(ua).sumNumber()));
        INDArray u = orth.div(orth.norm2Number());
        double omega = Math.acos(ua.mul(b.div(b.norm2Number())).sumNumber().doubleValue());
        return ua.mul(Math.cos(t * omega)).add(u.mul(Math.sin(t * omega))).mul(a.norm2Number());
    }

    @Test
    void slerpRotatesAtAnEvenPaceAndKeepsTheLength() {
        Nd4j.getRandom().setSeed(5);
        INDArray a = Nd4j.randn(DataType.DOUBLE, 100);
        INDArray b = Nd4j.randn(DataType.DOUBLE, 100);
        b.muli(a.norm2Number().doubleValue() / b.norm2Number().doubleValue());
        for (double t = 0; t <= 1.0001; t += 0.125) {
            INDArray s = Interpolation.spherical(a, b, t);
            INDArray r = rotation(a, b, t);
            assertTrue(s.sub(r).amaxNumber().doubleValue() < 1e-9, "t = " + t);
            assertEquals(a.norm2Number().doubleValue(), s.norm2Number().doubleValue(), 1e-9, "length at t = " + t);
        }
        // a straight line through the ball's inside would be shorter in the middle: what slerp is for
        double mid = Interpolation.linear(a, b, 0.5).norm2Number().doubleValue();
        assertTrue(mid < 0.8 * a.norm2Number().doubleValue(), "two random 100-d vectors are nearly orthogonal");
    }

    @Test
    void orthogonalUnitVectorsMeetAtFortyFiveDegrees() {
        INDArray x = Nd4j.createFromArray(1.0, 0.0);
        INDArray y = Nd4j.createFromArray(0.0, 1.0);
        INDArray half = Interpolation.spherical(x, y, 0.5);
        assertEquals(Math.sqrt(0.5), half.getDouble(0), 1e-12);
        assertEquals(Math.sqrt(0.5), half.getDouble(1), 1e-12);
        INDArray third = Interpolation.spherical(x, y, 1.0 / 3);
        assertEquals(Math.cos(Math.PI / 6), third.getDouble(0), 1e-12, "a third of the way: 30 degrees");
    }

    @Test
    void parallelVectorsFallBackToTheStraightLine() {
        INDArray a = Nd4j.createFromArray(1.0, 2.0, 3.0);
        INDArray b = a.mul(2);
        assertTrue(Interpolation.spherical(a, b, 0.25).sub(Interpolation.linear(a, b, 0.25)).amaxNumber()
                .doubleValue() < 1e-12);
    }
}
