package dev.self2face.job.model;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.activations.Activation;

import java.util.Map;

/**
 * pix2pix's generator: a U-Net whose depth follows the image size (64: 6 levels, 128: 7, 256: 8 — down to 1x1).
 * Encoder Ck = LeakyReLU(0.2) · 4x4 conv stride 2 · batch norm, k = 64, 128, 256, 512, 512, … (×ngf/64); the first
 * has no norm (and no activation before it), the innermost no norm. Decoder: ReLU · 4x4 transposed conv ·
 * batch norm, then concatenation with the mirrored encoder layer; dropout 0.5 on its first three layers; the last
 * maps to 3 channels through tanh. Convolutions followed by batch norm have no bias.
 */
final class UNet {
    private UNet() {
    }

    static int depth(int size) {
        return Integer.numberOfTrailingZeros(size);
    }

    static int channels(ModelSettings s, int level) {
        return s.ngf() * Math.min(1 << (level - 1), 8);
    }

    static GanGraphs.Generator generator(ModelSettings s) {
        return new GanGraphs.Generator() {
            @Override
            public Map<String, InputType> inputs() {
                return Map.of(Pix2Pix.CONDITION, InputType.convolutional(s.size(), s.size(), 3));
            }

            @Override
            public String add(NetBuilder b) {
                int n = depth(s.size());
                String[] enc = new String[n + 1];
                enc[1] = b.conv("g_enc1", channels(s, 1), 2, false, Pix2Pix.CONDITION);
                for (int i = 2; i <= n; i++) {
                    String x = b.leakyRelu("g_enc" + i + "_lrelu", enc[i - 1]);
                    x = b.conv("g_enc" + i, channels(s, i), 2, false, x);
                    enc[i] = i < n ? b.batchNorm("g_enc" + i + "_bn", x) : x;
                }
                String h = enc[n];
                for (int i = n; i >= 2; i--) {
                    int decoderLayer = n - i + 1;
                    String x = b.relu("g_dec" + i + "_relu", h);
                    x = b.deconv("g_dec" + i, channels(s, i - 1), false, Activation.IDENTITY.getActivationFunction(), x);
                    x = b.batchNorm("g_dec" + i + "_bn", x);
                    if (decoderLayer <= 3) {
                        x = b.dropout("g_dec" + i + "_dropout", x);
                    }
                    h = b.concat("g_skip" + (i - 1), enc[i - 1], x);
                }
                String x = b.relu("g_out_relu", h);
                return b.deconv("g_out", 3, true, Activation.TANH.getActivationFunction(), x);
            }
        };
    }
}
