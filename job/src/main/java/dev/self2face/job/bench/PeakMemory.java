package dev.self2face.job.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's peak resident memory: Linux's VmHWM (heap, ND4J's off-heap arrays and native code alike). */
final class PeakMemory {
    private PeakMemory() {
    }

    /** Peak RSS in MB, or NaN where /proc/self/status does not exist. */
    static double residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
