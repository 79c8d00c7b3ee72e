package dev.self2face.job.backend;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The native build chosen for CPU flags and packaged builds, and the one this test JVM actually loaded. */
class NativeBuildTest {
    static final Set<String> AVX512 = Set.of("avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq",
            "avx512vl");

    @Test
    void theFastestPackagedBuildTheCpuCanRun() {
        assertEquals("-onednn-avx512", NativeBuild.choose(AVX512, ext -> true, ext -> false));
        assertEquals("-onednn-avx2", NativeBuild.choose(AVX512, ext -> ext.equals("-onednn-avx2"), ext -> false));
        assertEquals("-onednn-avx2", NativeBuild.choose(Set.of("avx2", "fma"), ext -> true, ext -> false));
        assertEquals("", NativeBuild.choose(Set.of("sse4_2", "avx"), ext -> true, ext -> false), "no AVX2: default");
        assertEquals("", NativeBuild.choose(AVX512, ext -> false, ext -> false), "nothing packaged: default");
        assertEquals("-cudnn", NativeBuild.choose(Set.of(), ext -> false, ext -> true), "CUDA with cuDNN");
    }

    @Test
    void thisJvmRunsThePackagedOneDnnBuildWhereTheCpuHasAvx2() {
        String chosen = NativeBuild.choose();
        assertEquals(chosen, System.getProperty(NativeBuild.PROPERTY));
        if (NativeBuild.cpuFlags().containsAll(Set.of("avx2", "fma"))) {
            assertEquals("-onednn-avx2", chosen, "the cpu profile packages oneDNN AVX2");
            assertEquals("linux-x86_64-onednn-avx2", Backend.loadedBuild(), Backend.describe());
        }
    }
}
