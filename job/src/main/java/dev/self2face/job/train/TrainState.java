package dev.self2face.job.train;

/** What a checkpoint knows besides the networks: where training stood and the run's fixed baselines. */
public class TrainState {
    public long step;
    /** pix2pix: val L1 of the untrained generator and of predicting the mean train face (NaN for DCGAN). */
    public double untrainedValL1 = Double.NaN;
    public double meanFaceValL1 = Double.NaN;
}
