package dev.self2face.job.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Distances between two sets of feature vectors (rows of [n, d] matrices), as FID and KID compute them on their
 * networks' features:
 * <ul>
 *   <li>Fréchet distance (Heusel et al. 2017) of Gaussians fitted to each set: |μ1 − μ2|² + tr(Σ1 + Σ2 −
 *       2 (Σ1 Σ2)^½), with sample covariances (n − 1); tr (Σ1 Σ2)^½ is the sum of the square roots of the
 *       eigenvalues of Σ1^½ Σ2 Σ1^½ (symmetric, so a symmetric eigensolver serves; tiny negative eigenvalues from
 *       rounding count as 0);</li>
 *   <li>KID (Bińkowski et al. 2018): the unbiased estimate of the squared MMD with the kernel
 *       k(x, y) = (xᵀy / d + 1)³.</li>
 * </ul>
 */
public final class FeatureDistance {
    private FeatureDistance() {
    }

    public static double frechet(INDArray a, INDArray b) {
        INDArray x = a.castTo(DataType.DOUBLE);
        INDArray y = b.castTo(DataType.DOUBLE);
        INDArray mu1 = x.mean(0);
        INDArray mu2 = y.mean(0);
        INDArray s1 = covariance(x, mu1);
        INDArray s2 = covariance(y, mu2);
        INDArray root1 = sqrtSymmetric(s1);
        INDArray m = root1.mmul(s2).mmul(root1);
        m = m.add(m.transpose()).muli(0.5);
        INDArray ev = Eigen.symmetricGeneralizedEigenvalues(m.dup(), false);
        double traceRoot = 0;
        for (long i = 0; i < ev.length(); i++) {
            traceRoot += Math.sqrt(Math.max(0, ev.getDouble(i)));
        }
        double meanTerm = mu1.squaredDistance(mu2);
        return meanTerm + trace(s1) + trace(s2) - 2 * traceRoot;
    }

    public static double kid(INDArray a, INDArray b) {
        INDArray x = a.castTo(DataType.DOUBLE);
        INDArray y = b.castTo(DataType.DOUBLE);
        long m = x.size(0);
        long n = y.size(0);
        double d = x.size(1);
        INDArray kxx = Transforms.pow(x.mmul(x.transpose()).divi(d).addi(1), 3, false);
        INDArray kyy = Transforms.pow(y.mmul(y.transpose()).divi(d).addi(1), 3, false);
        INDArray kxy = Transforms.pow(x.mmul(y.transpose()).divi(d).addi(1), 3, false);
        double sxx = kxx.sumNumber().doubleValue() - trace(kxx);
        double syy = kyy.sumNumber().doubleValue() - trace(kyy);
        return sxx / (m * (m - 1)) + syy / (n * (n - 1)) - 2 * kxy.sumNumber().doubleValue() / (m * n);
    }

    private static double trace(INDArray square) {
        return Nd4j.diag(square).sumNumber().doubleValue();
    }

    private static INDArray covariance(INDArray x, INDArray mean) {
        INDArray c = x.subRowVector(mean);
        return c.transpose().mmul(c).divi(x.size(0) - 1);
    }

    /** The symmetric square root of a symmetric positive semi-definite matrix. */
    private static INDArray sqrtSymmetric(INDArray s) {
        INDArray vectors = s.dup('f');
        INDArray ev = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        INDArray roots = Transforms.sqrt(Transforms.max(ev, 0.0, true), false);
        return vectors.mulRowVector(roots).mmul(vectors.transpose());
    }
}
