package dev.self2face.job.backend;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.util.Properties;

/** Which ND4J backend (CPU or CUDA, chosen at run time from the jars present) and which devices this JVM uses. */
public final class Backend {
    private Backend() {
    }

    /**
     * The native build ND4J loaded, from the path JavaCPP loaded its library from ({@code …/bindings/PLATFORM/}):
     * {@code linux-x86_64} (default) or e.g. {@code linux-x86_64-onednn-avx2}.
     */
    public static String loadedBuild() {
        Nd4j.getBackend();
        for (String path : Loader.getLoadedLibraries().values()) {
            if (path != null && (path.contains("nd4jcpu") || path.contains("nd4jcuda"))) {
                String dir = new File(path).getParentFile().getName();
                return dir.startsWith("linux") ? dir : "?";
            }
        }
        return "?";
    }

    /** Whether ND4J runs on its CUDA backend (asked once per JVM). */
    public static boolean isCuda() {
        return Cuda.ON;
    }

    private static final class Cuda {
        static final boolean ON = "CUDA".equalsIgnoreCase(
                Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
    }

    public static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        return String.format("ND4J backend %s (%s, %s build, %s), %s device(s), %s threads, BLAS %s",
                Nd4j.getBackend().getClass().getSimpleName(), env.getOrDefault("backend", "?"),
                loadedBuild(), LayerHelpers.describe(),
                Nd4j.getAffinityManager().getNumberOfDevices(), env.getOrDefault("omp.threads", "?"),
                env.getOrDefault("blas.vendor", "?"));
    }
}
