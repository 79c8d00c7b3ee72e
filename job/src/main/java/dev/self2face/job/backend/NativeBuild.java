package dev.self2face.job.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which of ND4J's native builds this JVM loads, chosen before ND4J loads its natives. ND4J publishes, next to its
 * default build, builds whose convolutions, batch norm and activations go through oneDNN (CPU: classifiers
 * {@code linux-x86_64-onednn-avx2}, {@code -onednn-avx512}) or cuDNN (CUDA: {@code linux-x86_64-cudnn}); JavaCPP loads
 * the one named by the system property {@code org.bytedeco.javacpp.platform.extension}. The jar carries one of them
 * (the profile's, see the parent pom); this class picks it when the machine can run it:
 * <ul>
 *   <li>the property set by the user (even to empty: the default build) wins;</li>
 *   <li>a packaged cuDNN build is used on the CUDA backend;</li>
 *   <li>a packaged oneDNN AVX-512 build where the CPU has AVX-512 (F, CD, BW, DQ, VL), else a oneDNN AVX2 build
 *   where it has AVX2 and FMA; else the default build.</li>
 * </ul>
 * Executors get the driver's choice ({@code spark.executor.extraJavaOptions}): executors are assumed to be of the
 * driver's CPU generation; set the property to empty where they are older.
 */
public final class NativeBuild {
    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
    private static final String CPU = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64%s/libnd4jcpu.so";
    private static final String CUDA = "org/nd4j/linalg/jcublas/bindings/linux-x86_64%s/libnd4jcuda.so";
    private static final List<String> AVX512 = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    private NativeBuild() {
    }

    /** Sets the property (unless set) and returns the extension this JVM loads ("" for the default build). */
    public static synchronized String choose() {
        String set = System.getProperty(PROPERTY);
        if (set != null) {
            return set;
        }
        ClassLoader cl = NativeBuild.class.getClassLoader();
        String chosen = choose(cpuFlags(), ext -> cl.getResource(String.format(CPU, ext)) != null,
                ext -> cl.getResource(String.format(CUDA, ext)) != null);
        System.setProperty(PROPERTY, chosen);
        return chosen;
    }

    /** The choice for a CPU with {@code flags} and the builds the jar holds. */
    static String choose(Set<String> flags, Predicate<String> cpuBuild, Predicate<String> cudaBuild) {
        if (cudaBuild.test("-cudnn")) {
            return "-cudnn";
        }
        if (flags.containsAll(AVX512) && cpuBuild.test("-onednn-avx512")) {
            return "-onednn-avx512";
        }
        if (flags.contains("avx2") && flags.contains("fma") && cpuBuild.test("-onednn-avx2")) {
            return "-onednn-avx2";
        }
        if (flags.contains("avx2") && flags.contains("fma") && cpuBuild.test("-onednn")) {
            return "-onednn";
        }
        return "";
    }

    /** The CPU's feature flags from /proc/cpuinfo (empty elsewhere: the default build). */
    static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return new HashSet<>(List.of(line.substring(line.indexOf(':') + 1).trim()
                            .toLowerCase(Locale.ROOT).split("\\s+")));
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        return Set.of();
    }
}
