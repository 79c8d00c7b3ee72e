package dev.self2face.job.cli;

import com.typesafe.config.ConfigValue;
import dev.self2face.config.ConfigLoader;
import dev.self2face.testing.S3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Object storage fails fast and says so, against a real S3 server (S3Proxy on 127.0.0.1) and a closed port: one
 * "checking" line, then exit 2 within seconds with one line naming the bucket, the endpoint and the reason, and
 * never a credential. Every storage key is in --help; a secret never is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageFaultsTest {
    private S3Server s3;

    @BeforeAll
    void start() throws Exception {
        s3 = S3Server.start("videos");
    }

    @AfterAll
    void stop() {
        s3.close();
    }

    private CliProcess.Outcome etl(String endpoint, String secret, String input) throws Exception {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", s3.accessKey, "AWS_SECRET_ACCESS_KEY", secret);
        List<String> args = new ArrayList<>(List.of("etl", "--input", input, "--output", "s3a://videos/datasets/x",
                "--set", "storage.s3.endpoint=" + endpoint, "--set", "storage.s3.path-style-access=true",
                "--set", "storage.s3.ssl-enabled=false"));
        return CliProcess.run(env, "launcher", args.toArray(String[]::new));
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void anUnreachableEndpointEndsInSecondsWithOneLine() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        CliProcess.Outcome r = etl("http://127.0.0.1:" + closed, s3.secretKey, "s3a://videos/in/");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(seconds < 60, "took " + seconds + " s");
        assertTrue(r.output().contains("checking s3a://videos/"), r.output());
        assertTrue(lastLine(r.output()).startsWith("self2face etl: error: s3a://videos/ at endpoint http://127.0.0.1:"
                + closed + ": cannot connect"), r.output());
        assertFalse(r.output().contains("\tat "), "no stack trace: " + r.output());
        assertFalse(r.output().contains(s3.secretKey));
    }

    @Test
    void aMissingBucketIsNamed() throws Exception {
        CliProcess.Outcome r = etl(s3.endpoint(), s3.secretKey, "s3a://no-such-bucket/in/");
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(lastLine(r.output()).contains("s3a://no-such-bucket/ at endpoint " + s3.endpoint()
                + ": the bucket does not exist"), r.output());
    }

    @Test
    void refusedCredentialsAreNamedWithoutShowingThem() throws Exception {
        String wrong = "wrong-secret-" + System.nanoTime();
        CliProcess.Outcome r = etl(s3.endpoint(), wrong, "s3a://videos/in/");
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(lastLine(r.output()).contains("access denied"), r.output());
        assertFalse(r.output().contains(wrong), "the secret appears: " + r.output());
    }

    @Test
    void everyStorageKeyIsInHelpAndNoSecretIs() throws Exception {
        String secret = "help-secret-" + System.nanoTime();
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e
                : ConfigLoader.load(List.of(), List.of()).getConfig("storage").entrySet()) {
            keys.add("storage." + e.getKey());
        }
        assertTrue(keys.size() >= 12, "keys " + keys);
        for (String command : List.of("etl", "train", "translate", "generate", "inspect")) {
            CliProcess.Outcome help = CliProcess.run(Map.of("AWS_SECRET_ACCESS_KEY", secret,
                    "AWS_ACCESS_KEY_ID", "help-key"), "warn", command, "--help");
            assertEquals(0, help.exitCode(), help.output());
            for (String k : keys) {
                assertTrue(help.output().contains(k), command + " --help lacks " + k);
            }
            assertTrue(help.output().contains("storage.hadoop.\"KEY\""), command);
            assertFalse(help.output().contains(secret), command + " --help shows the secret");
            assertTrue(help.output().contains("storage.s3.secret-key") && help.output().contains("***** (set)"));
        }
    }
}
