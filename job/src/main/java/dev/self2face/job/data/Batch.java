package dev.self2face.job.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One minibatch of pairs: real faces [n, 3, size, size] in [-1, 1], their condition images (same shape) and their
 * attribute labels [n, k]. A model reads what it needs; a part no model of the run needs may be null.
 */
public record Batch(INDArray condition, INDArray image, INDArray labels) {
    public Batch(INDArray condition, INDArray image) {
        this(condition, image, null);
    }

    public int size() {
        return (int) image.size(0);
    }
}
