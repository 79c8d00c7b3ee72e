package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A convolution's parameters (bias, kernel) plus u, the spectral norm's left singular vector estimate [nOut]. */
public final class SpectralNormParams implements ParamInitializer {
    public static final String U_KEY = "u";
    static final SpectralNormParams INSTANCE = new SpectralNormParams();
    /** The convolution's own parameters are laid out and initialised by DL4J's initializer (composition: its
     * init calls numParams, which must stay the convolution's). */
    private final ConvolutionParamInitializer conv = ConvolutionParamInitializer.getInstance();

    @Override
    public List<String> weightKeys(Layer layer) {
        return conv.weightKeys(layer);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return conv.biasKeys(layer);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return conv.isWeightParam(layer, key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return conv.isBiasParam(layer, key);
    }

    @Override
    public long numParams(Layer l) {
        return conv.numParams(l) + ((ConvolutionLayer) l).getNOut();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>(conv.paramKeys(layer));
        keys.add(U_KEY);
        return keys;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray view, boolean initialize) {
        long n = conv.numParams(conf.getLayer());
        long nOut = ((ConvolutionLayer) conf.getLayer()).getNOut();
        Map<String, INDArray> out = new LinkedHashMap<>(conv.init(conf, slice(view, 0, n), initialize));
        INDArray u = slice(view, n, n + nOut).reshape(nOut);
        if (initialize) {
            INDArray r = Nd4j.randn(u.dataType(), nOut);
            u.assign(r.divi(r.norm2Number()));
        }
        conf.addVariable(U_KEY);
        out.put(U_KEY, u);
        return out;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        long n = conv.numParams(conf.getLayer());
        long nOut = ((ConvolutionLayer) conf.getLayer()).getNOut();
        Map<String, INDArray> out = new LinkedHashMap<>(conv.getGradientsFromFlattened(conf,
                slice(gradientView, 0, n)));
        out.put(U_KEY, slice(gradientView, n, n + nOut).reshape(nOut));
        return out;
    }

    /** Elements [from, to) of a flattened parameter view (a vector, or a row in older DL4J versions). */
    private static INDArray slice(INDArray view, long from, long to) {
        return view.rank() == 1 ? view.get(NDArrayIndex.interval(from, to))
                : view.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(from, to));
    }
}
