package dev.self2face.job.backend;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;

/**
 * DL4J's layer helpers: batch-norm and convolution layers that hand their forward <em>and</em> backward passes to
 * oneDNN on the CPU backend instead of DL4J's own Java implementation (im2col + GEMM, batch norm element-wise).
 * DL4J 1.0.0-M2.1 creates them only when the system property {@value #PROPERTY} is {@code false} (its default is
 * {@code true}) and its CPU check finds ND4J's environment under an old class name (answered by
 * {@code org.nd4j.nativeblas.Nd4jCpu} in this jar). Measured on DCGAN-64, batch 32: 3x the images/s; results equal
 * to DL4J's own layers within float rounding (see {@code docs/BENCHMARKS.md}).
 * <ul>
 *   <li>{@link #enable()} sets the property to {@code false} unless it is set (so
 *   {@code -D}{@value #PROPERTY}{@code =true} turns the helpers off for a comparison);</li>
 *   <li>not on a CUDA jar: DL4J's cuDNN layer helpers ({@code deeplearning4j-cuda}) were not published for
 *   1.0.0-M2.x, and asking for them logs a warning per layer; there the property is left alone.</li>
 * </ul>
 * Executors get the driver's value with the native build ({@code JobSpark}).
 */
public final class LayerHelpers {
    public static final String PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private LayerHelpers() {
    }

    /** Turns the helpers on (unless the user set the property, or this is a CUDA jar); returns the value in force. */
    public static synchronized String enable() {
        String set = System.getProperty(PROPERTY);
        if (set != null) {
            return set;
        }
        if (cudaJar()) {
            return "true";
        }
        System.setProperty(PROPERTY, "false");
        return "false";
    }

    /** Whether layers created from now on may get a helper (the property says so). */
    public static boolean allowed() {
        return "false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
    }

    /** One phrase for the logs: which helpers layers get in this JVM. */
    public static String describe() {
        if (!allowed()) {
            return "layer helpers off (" + PROPERTY + " is not false)";
        }
        return BaseMKLDNNHelper.mklDnnEnabled() ? "oneDNN layer helpers (batch norm, convolution)"
                : "no layer helpers (not the CPU backend, or ND4J's oneDNN is off)";
    }

    /** How many of the graph's layers run through a helper. */
    public static int count(ComputationGraph g) {
        int n = 0;
        for (Layer l : g.getLayers()) {
            if (l.getHelper() != null) {
                n++;
            }
        }
        return n;
    }

    private static boolean cudaJar() {
        return LayerHelpers.class.getClassLoader().getResource(CUDA_BACKEND.replace('.', '/') + ".class") != null;
    }
}
