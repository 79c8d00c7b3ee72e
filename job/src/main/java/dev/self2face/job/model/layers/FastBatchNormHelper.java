package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * DL4J's oneDNN batch-norm helper with training mode — the batch statistics, the normalisation and the backward
 * pass — computed by {@link BatchNormKernels} for float NCHW activations, the case every self2face network trains
 * in. Everything else (inference mode with the running statistics, other types and layouts) is the oneDNN helper's.
 * DL4J's layer keeps its own bookkeeping: it updates the running statistics from {@link #getMeanCache} and
 * {@link #getVarCache} (the last training batch's mean and biased variance), as it does with the oneDNN helper.
 */
final class FastBatchNormHelper extends MKLDNNBatchNormHelper {
    private INDArray mean;
    private INDArray var;
    /** Whether the last forward pass was this class's (its statistics are the caches). */
    private boolean own;

    FastBatchNormHelper(DataType dataType) {
        super(dataType);
    }

    private static boolean handles(INDArray x, CNN2DFormat format, INDArray gamma, INDArray beta) {
        return x.rank() == 4 && format == CNN2DFormat.NCHW && x.dataType() == DataType.FLOAT && gamma != null
                && beta != null && x.length() < Integer.MAX_VALUE;
    }

    /** The array's elements in NCHW order from index 0 of the returned buffer (a copy where it is a view). */
    private static FloatBuffer floats(INDArray a) {
        INDArray c = a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.offset() == 0 ? a : a.dup('c');
        return c.data().asNioFloat();
    }

    private static float[] values(INDArray a) {
        return a.castTo(DataType.FLOAT).dup().data().asFloat();
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                              INDArray globalMean, INDArray globalVar, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        own = training && handles(x, format, gamma, beta);
        if (!own) {
            return super.preOutput(x, training, shape, gamma, beta, globalMean, globalVar, decay, eps, format,
                    workspaceMgr);
        }
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int plane = (int) (x.size(2) * x.size(3));
        float[] m = new float[c];
        float[] v = new float[c];
        FloatBuffer in = floats(x);
        BatchNormKernels.statistics(in, n, c, plane, m, v);
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            mean = Nd4j.create(m, new long[] {c}, DataType.FLOAT);
            var = Nd4j.create(v, new long[] {c}, DataType.FLOAT);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        BatchNormKernels.normalise(in, out.data().asNioFloat(), n, c, plane, m, v, values(gamma), values(beta), eps);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                     double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!own || !handles(input, format, gamma, beta) || epsilon.dataType() != DataType.FLOAT) {
            return super.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                    workspaceMgr);
        }
        int n = (int) input.size(0);
        int c = (int) input.size(1);
        int plane = (int) (input.size(2) * input.size(3));
        float[] dGamma = new float[c];
        float[] dBeta = new float[c];
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        BatchNormKernels.backward(floats(input), floats(epsilon), dx.data().asNioFloat(), n, c, plane,
                mean.data().asFloat(), var.data().asFloat(), values(gamma), eps, dGamma, dBeta);
        dGammaView.assign(Nd4j.create(dGamma, dGammaView.shape(), DataType.FLOAT));
        dBetaView.assign(Nd4j.create(dBeta, dBetaView.shape(), DataType.FLOAT));
        Gradient g = new DefaultGradient();
        g.setGradientFor("gamma", dGammaView);
        g.setGradientFor("beta", dBetaView);
        return new Pair<>(g, dx);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return own ? mean.castTo(dataType) : super.getMeanCache(dataType);
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return own ? var.castTo(dataType) : super.getVarCache(dataType);
    }
}
