package dev.self2face.job.apply;

import dev.self2face.etl.VideoConditions;

/**
 * The avatar's landmark smoothing: one {@link OneEuroFilter} per coordinate of the 68 landmarks (frame pixels), or
 * none ({@code avatar.smoothing = false}). The filters forget the face whenever it is lost.
 */
public final class LandmarkSmoothing implements VideoConditions.Smoother {
    private final OneEuroFilter[] filters;

    /** @param on false: landmarks pass through as detected */
    public LandmarkSmoothing(boolean on, double minCutoff, double beta, double dCutoff) {
        filters = new OneEuroFilter[on ? 136 : 0];
        for (int i = 0; i < filters.length; i++) {
            filters[i] = new OneEuroFilter(minCutoff, beta, dCutoff);
        }
    }

    @Override
    public float[] smooth(float[] points, double tSec) {
        if (filters.length == 0) {
            return points;
        }
        float[] out = new float[points.length];
        for (int i = 0; i < points.length; i++) {
            out[i] = (float) filters[i].filter(points[i], tSec);
        }
        return out;
    }

    @Override
    public void reset() {
        for (OneEuroFilter f : filters) {
            f.reset();
        }
    }
}
