package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The power iteration of spectral normalisation, over a network's {@link SpectralNormConvolution} layers. */
public final class SpectralNorm {
    private SpectralNorm() {
    }

    /**
     * {@code n} power iterations per layer, with the weights as they are now: after every update of the network
     * (and 50 on a fresh network, whose u starts random).
     */
    public static void iterate(ComputationGraph graph, int n) {
        for (Layer l : graph.getLayers()) {
            if (l instanceof SpectralNormConvolution) {
                INDArray w = l.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
                INDArray wm = w.reshape('c', w.size(0), w.length() / w.size(0));
                INDArray u = l.getParam(SpectralNormParams.U_KEY);
                INDArray next = u.reshape(1, -1);
                for (int i = 0; i < n; i++) {
                    INDArray v = next.mmul(wm);                         // uᵀW
                    v.divi(v.norm2Number().doubleValue() + 1e-12);
                    next = v.mmul(wm.transpose());                      // (W v)ᵀ
                    next.divi(next.norm2Number().doubleValue() + 1e-12);
                }
                u.assign(next.reshape(u.shape()));
            }
        }
    }

    /** The σ a layer divides its kernel by. */
    public static double sigma(Layer l) {
        return ((SpectralNormConvolution) l).sigma();
    }

    public static boolean any(ComputationGraph graph) {
        for (Layer l : graph.getLayers()) {
            if (l instanceof SpectralNormConvolution) {
                return true;
            }
        }
        return false;
    }
}
