package dev.self2face.config;

import dev.self2face.storage.StorageSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void secretsAreRedactedInWhatIsRecorded() {
        var c = ConfigLoader.load(List.of(), List.of("storage.s3.access-key=AK", "storage.s3.secret-key=SECRET"));
        @SuppressWarnings("unchecked")
        Map<String, Object> storage = (Map<String, Object>) ConfigLoader.forRecord(c, "storage").get("storage");
        assertEquals("*****", storage.get("s3.secret-key"));
        assertEquals("*****", storage.get("s3.access-key"));
        assertTrue(Secrets.isSecret("fs.s3a.secret.key") && !Secrets.isSecret("fs.s3a.endpoint"));
    }

    @Test
    void loadedSecretsAreScrubbedFromAnyMessage() {
        StorageSettings.from(ConfigLoader.load(List.of(), List.of("storage.s3.access-key=AKIA-SCRUB-TEST",
                "storage.s3.secret-key=s3cr3t-scrub-test")));
        assertEquals("denied for ***** with *****",
                Secrets.scrub("denied for AKIA-SCRUB-TEST with s3cr3t-scrub-test"));
    }
}
