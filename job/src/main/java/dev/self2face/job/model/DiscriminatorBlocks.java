package dev.self2face.job.model;

/** The discriminators' convolution blocks, shared by DCGAN's D and pix2pix's PatchGAN. */
final class DiscriminatorBlocks {
    private DiscriminatorBlocks() {
    }

    /** 4x4 convolution (stride 2 or 1, padding 1), batch norm if {@code norm}, LeakyReLU 0.2. */
    static String down(NetBuilder b, String name, int ch, int stride, boolean norm, String x) {
        x = b.conv(name, ch, stride, !norm, x);
        if (norm) {
            x = b.batchNorm(name + "_bn", x);
        }
        return b.leakyRelu(name + "_lrelu", x);
    }

    /** The last convolution to one channel of logits: 4x4 valid (DCGAN, 4x4 -> 1x1) or 4x4 padding 1 (PatchGAN). */
    static String logits(NetBuilder b, String name, boolean valid, String x) {
        return valid ? b.convValid(name, 1, x) : b.conv(name, 1, 1, true, x);
    }
}
