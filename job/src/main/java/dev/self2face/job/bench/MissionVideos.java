package dev.self2face.job.bench;

import dev.self2face.etl.bench.SyntheticVideo;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The mission's input made from a real video: {@code count} videos totalling {@code hours}, each its own drifting
 * stretch and shear of the source's frames ({@link SyntheticVideo#warped}). A video already there (a finished one
 * of the same length) is kept; each is written under a temporary name and renamed when complete, so a killed run
 * leaves nothing that looks finished.
 */
public final class MissionVideos {
    private MissionVideos() {
    }

    public static List<File> write(File source, double hours, int count, File dir, PrintStream out) throws Exception {
        if (hours <= 0 || count < 1) {
            throw new IllegalArgumentException("--hours must be > 0 and --videos >= 1");
        }
        if (!source.isFile()) {
            throw new IOException("--input " + source + ": no such file");
        }
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("--out " + dir + ": cannot create it");
        }
        double seconds = hours * 3600 / count;
        List<File> videos = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String name = String.format(Locale.ROOT, "%s-warped-%03d-of-%03d-%.0fs.mp4",
                    source.getName().replaceFirst("\\.[^.]+$", ""), i + 1, count, seconds);
            File video = new File(dir, name);
            if (!video.isFile()) {
                File tmp = new File(dir, "." + name + ".partial.mp4");
                SyntheticVideo.warped(source, seconds, tmp, 24, 1000L + i);
                Files.move(tmp.toPath(), video.toPath(), StandardCopyOption.ATOMIC_MOVE);
            }
            videos.add(video);
            double elapsed = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "video %d/%d %s (%.0f s of video; %.0f s so far, ETA %.0f s)%n", i + 1, count,
                    video, seconds, elapsed, elapsed / (i + 1) * (count - i - 1));
        }
        return videos;
    }
}
