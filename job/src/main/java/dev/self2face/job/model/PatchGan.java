package dev.self2face.job.model;

import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.Map;

/**
 * pix2pix's 70x70 PatchGAN: C64-C128-C256-C512 (×ndf/64) on the concatenated (condition, image) — 4x4 convolutions,
 * stride 2 for the first three, 1 for the fourth, LeakyReLU 0.2, batch norm on all but the first — then a 4x4
 * convolution to one logit per patch. Each output sees a 70x70 receptive field of the input.
 */
final class PatchGan {
    private PatchGan() {
    }

    /** Side of D's output map for an input of {@code size}: size/8 after three stride-2 layers, minus 1 twice. */
    static int patches(int size) {
        return size / 8 - 2;
    }

    static GanGraphs.Discriminator discriminator(ModelSettings s) {
        return new GanGraphs.Discriminator() {
            @Override
            public Map<String, InputType> inputs() {
                return Pix2Pix.pairInputs(s.size());
            }

            @Override
            public String add(NetBuilder b, Map<String, String> in) {
                String x = b.concat("d_pair", in.get(Pix2Pix.CONDITION), in.get(GanGraphs.IMAGE));
                x = DiscriminatorBlocks.down(b, s, "d_c1", s.ndf(), 2, false, x);
                x = DiscriminatorBlocks.down(b, s, "d_c2", 2 * s.ndf(), 2, true, x);
                x = DiscriminatorBlocks.down(b, s, "d_c3", 4 * s.ndf(), 2, true, x);
                x = DiscriminatorBlocks.down(b, s, "d_c4", 8 * s.ndf(), 1, true, x);
                return DiscriminatorBlocks.logits(b, s, "d_logits", false, x);
            }
        };
    }
}
