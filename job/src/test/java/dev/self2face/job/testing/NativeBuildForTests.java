package dev.self2face.job.testing;

import dev.self2face.job.backend.LayerHelpers;
import dev.self2face.job.backend.NativeBuild;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The test JVM loads the ND4J native build a user's JVM would ({@link NativeBuild}) and turns DL4J's layer helpers
 * on as it does ({@link LayerHelpers}), whichever test touches ND4J first: both are set when the test session opens.
 */
public class NativeBuildForTests implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeBuild.choose();
        LayerHelpers.enable();
    }
}
