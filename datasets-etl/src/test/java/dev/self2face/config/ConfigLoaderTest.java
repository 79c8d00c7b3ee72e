package dev.self2face.config;

import dev.self2face.storage.StorageSettings;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layered config: typos and wrong types fail naming the key (with a suggestion), secrets never recorded. */
class ConfigLoaderTest {
    @Test
    void aMistypedKeyIsRefusedWithTheNearestKnownOne() {
        ConfigError e = assertThrows(ConfigError.class,
                () -> ConfigLoader.load(List.of(), List.of("etl.min-face-pix=30")));
        assertTrue(e.getMessage().contains("unknown config key 'etl.min-face-pix' (--set)")
                && e.getMessage().contains("did you mean 'etl.min-face-px'?"), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingTheKey() {
        ConfigError e = assertThrows(ConfigError.class, () -> ConfigLoader.load(List.of(), List.of("etl.size=big")));
        assertTrue(e.getMessage().contains("config key 'etl.size' (--set): expected number"), e.getMessage());
    }

    @Test
    void laterLayersWinAndFreeFormMapsPassThrough() {
        var c = ConfigLoader.load(List.of(), List.of("etl.size=128", "storage.hadoop.\"fs.s3a.x\"=1"));
        assertEquals(128, c.getInt("etl.size"));
        assertEquals("1", c.getString("storage.hadoop.\"fs.s3a.x\""));
    }

    @Test
    void aValueInBracketsIsAList() {
        var c = ConfigLoader.parseSets(List.of("a.list=[x, y]"));
        assertEquals(List.of("x", "y"), c.getStringList("a.list"));
        ConfigError e = assertThrows(ConfigError.class, () -> ConfigLoader.parseSets(List.of("a.list=[x, y")));
        assertTrue(e.getMessage().startsWith("--set a.list=[x, y: "), e.getMessage());
    }

    @Test
    void aValueInDoubleQuotesIsAStringWhateverItHolds() {
        String name = "/data/[draft] run 100% it's `x` <a> #1 \\ \"q\"";
        var c = ConfigLoader.parseSets(List.of("training.out=" + com.typesafe.config.ConfigUtil.quoteString(name)));
        assertEquals(name, c.getString("training.out"));
    }

    @Test
    void secretsAreRedactedInWhatIsRecorded() {
        var c = ConfigLoader.load(List.of(), List.of("storage.s3.access-key=AK", "storage.s3.secret-key=SECRET"));
        @SuppressWarnings("unchecked")
        Map<String, Object> storage = (Map<String, Object>) ConfigLoader.forRecord(c, "storage").get("storage");
        assertEquals("*****", storage.get("s3.secret-key"));
        assertEquals("*****", storage.get("s3.access-key"));
        assertTrue(Secrets.isSecret("fs.s3a.secret.key") && !Secrets.isSecret("fs.s3a.endpoint"));
    }

    @Test
    void theShownConfigMasksSecretsAndLayersFilesInOrder() throws Exception {
        File first = File.createTempFile("first", ".conf");
        File second = File.createTempFile("second", ".conf");
        Files.writeString(first.toPath(), "etl.size = 128\netl.min-face-px = 80\n");
        Files.writeString(second.toPath(), "etl.size = 64\n");
        var c = ConfigLoader.load(List.of(first, second), List.of("storage.s3.secret-key=VERY-SECRET-VALUE",
                "storage.hadoop.\"fs.s3a.secret.key\"=OTHER-SECRET"));
        String shown = ConfigLoader.show(c, "etl", "storage");
        assertTrue(shown.contains("etl.size = 64\n"), "the later file wins: " + shown);
        assertTrue(shown.contains("etl.min-face-px = 80\n"), shown);
        assertTrue(shown.contains("storage.s3.secret-key = \"*****\"\n"), shown);
        assertFalse(shown.contains("VERY-SECRET-VALUE") || shown.contains("OTHER-SECRET"), shown);
        assertTrue(shown.contains("storage.s3.access-key = \"\"\n"), "an empty secret shows as empty: " + shown);
    }

    @Test
    void loadedSecretsAreScrubbedFromAnyMessage() {
        StorageSettings.from(ConfigLoader.load(List.of(), List.of("storage.s3.access-key=AKIA-SCRUB-TEST",
                "storage.s3.secret-key=s3cr3t-scrub-test")));
        assertEquals("denied for ***** with *****",
                Secrets.scrub("denied for AKIA-SCRUB-TEST with s3cr3t-scrub-test"));
    }
}
