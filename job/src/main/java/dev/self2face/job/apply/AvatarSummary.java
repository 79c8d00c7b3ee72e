package dev.self2face.job.apply;


/**
 * What an avatar run made and measured: returned by {@link AvatarRun#run} and written next to the output video as
 * {@code OUTPUT.json} (snake_case keys; a figure that could not be measured, e.g. jitter without two consecutive
 * faces, is null).
 */
public record AvatarSummary(String model, String input, String output, String layout, long frames,
                            long framesWithFace,
                            long framesPassedThrough,
                            double frameRate, int width, int height, double seconds,
                            boolean audio, Smoothing smoothing,
                            Double landmarkJitterDetectedPx,
                            Double landmarkJitterPx, Double flicker,
                            Double faceChangeOutput,
                            Double faceChangeInput,
                            double wallSeconds,
                            double framesPerSecond, int segments) {

    /** The landmark smoothing the run used ({@code avatar.smoothing*}). */
    public record Smoothing(boolean on, double minCutoffHz, double beta,
                            double dCutoffHz) {
    }

    static AvatarSummary of(String model, String input, String output, AvatarSettings s, AvatarVideo.Result r,
                            int segments) {
        return new AvatarSummary(model, input, output, s.layout().name().toLowerCase().replace('_', '-'),
                r.frames(), r.faces(), r.frames() - r.faces(), r.frameRate(), r.width(), r.height(), r.seconds(),
                r.audio(), new Smoothing(s.smoothing(), s.minCutoff(), s.beta(), s.dCutoff()),
                figure(r.stats().meanJitterDetected()), figure(r.stats().meanJitterSmoothed()),
                figure(r.stats().flicker()), figure(r.stats().outputChange()), figure(r.stats().inputChange()),
                r.wallSeconds(), r.frames() / r.wallSeconds(), segments);
    }

    /** JSON has no NaN: a figure that could not be measured is null. */
    private static Double figure(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
