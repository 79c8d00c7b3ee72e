package dev.self2face.job.apply;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an avatar run made and measured: returned by {@link AvatarRun#run} and written next to the output video as
 * {@code OUTPUT.json} (snake_case keys; a figure that could not be measured, e.g. jitter without two consecutive
 * faces, is null).
 */
public record AvatarSummary(String model, String input, String output, String layout, long frames,
                            @JsonProperty("frames_with_face") long framesWithFace,
                            @JsonProperty("frames_passed_through") long framesPassedThrough,
                            @JsonProperty("frame_rate") double frameRate, int width, int height, double seconds,
                            boolean audio, Smoothing smoothing,
                            @JsonProperty("landmark_jitter_detected_px") Double landmarkJitterDetectedPx,
                            @JsonProperty("landmark_jitter_px") Double landmarkJitterPx, Double flicker,
                            @JsonProperty("face_change_output") Double faceChangeOutput,
                            @JsonProperty("face_change_input") Double faceChangeInput,
                            @JsonProperty("wall_seconds") double wallSeconds,
                            @JsonProperty("frames_per_second") double framesPerSecond, int segments) {

    /** The landmark smoothing the run used ({@code avatar.smoothing*}). */
    public record Smoothing(boolean on, @JsonProperty("min_cutoff_hz") double minCutoffHz, double beta,
                            @JsonProperty("d_cutoff_hz") double dCutoffHz) {
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
