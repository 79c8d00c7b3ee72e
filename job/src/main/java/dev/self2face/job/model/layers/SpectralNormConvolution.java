package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The spectrally normalised convolution: DL4J's convolution run with W / σ, σ = ‖Wᵀu‖ (W as [nOut, nIn·kH·kW], u the
 * stored estimate). Written by hand (DL4J has no such layer, and a SameDiff version failed the gradient check in
 * M2.1): forward and the input gradient come from DL4J's convolution ({@link Conv2DLayer}) with the normalised kernel; the kernel gradient
 * G it returns is for W / σ and is mapped back to W by the paper's rule dL/dW = (G − ⟨G, W/σ⟩ u vᵀ) / σ, with
 * v = Wᵀu / σ. u's gradient stays zero: u is advanced by {@link SpectralNorm#iterate}.
 */
public class SpectralNormConvolution extends Conv2DLayer {
    public SpectralNormConvolution(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private INDArray matrix(INDArray w) {
        return w.reshape('c', w.size(0), w.length() / w.size(0));
    }

    /** σ = ‖Wᵀu‖ for the current kernel and u. */
    double sigma() {
        INDArray w = matrix(getParam(ConvolutionParamInitializer.WEIGHT_KEY));
        INDArray u = getParam(SpectralNormParams.U_KEY).reshape(1, -1);
        return u.mmul(w).norm2Number().doubleValue();
    }

    @Override
    protected INDArray getParamWithNoise(String param, boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray p = super.getParamWithNoise(param, training, workspaceMgr);
        if (!ConvolutionParamInitializer.WEIGHT_KEY.equals(param)) {
            return p;
        }
        return p.div(sigma());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray> r = super.backpropGradient(epsilon, workspaceMgr);
        if (computesInputGradientOnly()) {
            return r; // no kernel gradient to map back to W
        }
        INDArray g = r.getFirst().getGradientFor(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray u = getParam(SpectralNormParams.U_KEY).reshape(-1, 1);
        INDArray wm = matrix(w);
        INDArray gm = matrix(g.dup('c'));
        double sigma = sigma();
        INDArray v = u.transpose().mmul(wm).divi(sigma);               // [1, nIn·kH·kW]
        double lambda = gm.mul(wm).sumNumber().doubleValue() / sigma;  // ⟨G, W/σ⟩
        INDArray corrected = gm.subi(u.mmul(v).muli(lambda)).divi(sigma);
        g.assign(corrected.reshape('c', g.shape()));
        INDArray uGrad = r.getFirst().getGradientFor(SpectralNormParams.U_KEY);
        if (uGrad != null) {
            uGrad.assign(0);
        } else {
            r.getFirst().gradientForVariable().put(SpectralNormParams.U_KEY,
                    gradientViews.get(SpectralNormParams.U_KEY).assign(0));
        }
        return r;
    }
}
