package dev.self2face.testing;

import dev.self2face.config.ConfigLoader;
import dev.self2face.etl.EtlKryoRegistrator;
import dev.self2face.spark.SparkSessions;
import dev.self2face.spark.SparkSettings;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

/** A real Spark local-mode session (2 cores), started once per test class, the way the job starts it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SparkTest {
    protected SparkSession spark;

    @BeforeAll
    void startSpark() {
        spark = session("local[2]");
    }

    public static SparkSession session(String master) {
        return SparkSessions.start(SparkSettings.from(
                ConfigLoader.load(List.of(), List.of(
                        "spark.master=" + master,
                        "spark.conf.\"spark.ui.enabled\"=false",
                        "spark.conf.\"spark.sql.shuffle.partitions\"=4",
                        "spark.conf.\"spark.driver.host\"=127.0.0.1"))), "test",
                EtlKryoRegistrator.class.getName());
    }

    @AfterAll
    void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }
}
