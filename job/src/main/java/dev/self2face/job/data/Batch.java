package dev.self2face.job.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One minibatch: real faces [n, 3, size, size] in [-1, 1] and, for pix2pix, their condition images (same shape;
 * null for DCGAN).
 */
public record Batch(INDArray condition, INDArray image) {
    public int size() {
        return (int) image.size(0);
    }
}
