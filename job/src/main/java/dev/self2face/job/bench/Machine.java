package dev.self2face.job.bench;

/** The line every benchmark ends with: what it ran on. */
public final class Machine {
    private Machine() {
    }

    public static String describe() {
        return String.format("machine: %d cores, %s %s, Java %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    }
}
