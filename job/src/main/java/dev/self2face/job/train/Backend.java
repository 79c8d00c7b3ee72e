package dev.self2face.job.train;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Properties;

/** Which ND4J backend (CPU or CUDA, chosen at run time from the jars present) and which devices this JVM uses. */
public final class Backend {
    private Backend() {
    }

    public static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        return String.format("ND4J backend %s (%s), %s device(s), %s threads, BLAS %s",
                Nd4j.getBackend().getClass().getSimpleName(), env.getOrDefault("backend", "?"),
                Nd4j.getAffinityManager().getNumberOfDevices(), env.getOrDefault("omp.threads", "?"),
                env.getOrDefault("blas.vendor", "?"));
    }
}
