package dev.self2face.job.model;

import dev.self2face.job.model.layers.SpectralNormConv2D;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.nd4j.linalg.activations.Activation;

/**
 * The discriminators' convolution blocks, shared by DCGAN's D and pix2pix's PatchGAN. With
 * {@code model.discriminator.spectral-norm} every convolution of D is spectrally normalised
 * ({@link SpectralNormConv2D}) and batch norm is left out: Miyato et al. normalise D by its weights instead.
 */
final class DiscriminatorBlocks {
    private DiscriminatorBlocks() {
    }

    /** 4x4 convolution (stride 2 or 1, padding 1), batch norm if {@code norm}, LeakyReLU 0.2. */
    static String down(NetBuilder b, ModelSettings s, String name, int ch, int stride, boolean norm, String x) {
        if (s.spectralNorm()) {
            x = b.layer(name, spectral(ch, stride, 1), x);
        } else {
            x = b.conv(name, ch, stride, !norm, x);
            if (norm) {
                x = b.batchNorm(name + "_bn", x);
            }
        }
        return b.leakyRelu(name + "_lrelu", x);
    }

    /** The last convolution to one channel of logits: 4x4 valid (DCGAN, 4x4 -> 1x1) or 4x4 padding 1 (PatchGAN). */
    static String logits(NetBuilder b, ModelSettings s, String name, boolean valid, String x) {
        if (s.spectralNorm()) {
            return b.layer(name, spectral(1, 1, valid ? 0 : 1), x);
        }
        return valid ? b.convValid(name, 1, x) : b.conv(name, 1, 1, true, x);
    }

    /** A 4x4 valid convolution (4x4 -> 1x1) to {@code k} logits, e.g. an auxiliary classifier's, one per class. */
    static String classLogits(NetBuilder b, ModelSettings s, String name, int k, String x) {
        if (s.spectralNorm()) {
            return b.layer(name, spectral(k, 1, 0), x);
        }
        return b.convValid(name, k, x);
    }

    private static SpectralNormConv2D spectral(int nOut, int stride, int padding) {
        return (SpectralNormConv2D) new SpectralNormConv2D.Builder(4, 4).stride(stride, stride)
                .padding(padding, padding).nOut(nOut).hasBias(true).activation(Activation.IDENTITY)
                .convolutionMode(ConvolutionMode.Truncate).build();
    }
}
