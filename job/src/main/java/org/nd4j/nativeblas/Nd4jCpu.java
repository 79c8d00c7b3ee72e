package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * A bridge DL4J 1.0.0-M2.1 needs to use its own oneDNN layer helpers. {@code BaseMKLDNNHelper.mklDnnEnabled()} asks
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by name, but ND4J M2.1 moved that class
 * to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and renamed the method {@code isUseONEDNN()}; the lookup
 * fails, and every batch-norm and convolution layer silently falls back to DL4J's Java implementation (3x slower
 * on DCGAN-64). This class answers that lookup with ND4J's real setting. It is only ever reached on the CPU
 * backend, and found by reflection there, so the {@code gpu} profile (no {@code nd4j-native}) compiles it too.
 * Nothing else should use it: see {@code dev.self2face.job.backend.LayerHelpers}.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** What DL4J's helper check calls. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** ND4J's own "use oneDNN" switch (false when the CPU backend is not loaded). */
        public boolean isUseMKLDNN() {
            try {
                Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object instance = env.getMethod("getInstance").invoke(null);
                Method use = env.getMethod("isUseONEDNN");
                return (Boolean) use.invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
