package dev.self2face.job.spark;

import com.typesafe.config.Config;
import dev.self2face.spark.SparkSessions;
import dev.self2face.job.train.LayerHelpers;
import dev.self2face.job.train.NativeBuild;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/** The Spark session of every command and service of the job, set up the same way: {@link SparkSessions#start}. */
public final class JobSpark {
    private JobSpark() {
    }

    /** Executors load the ND4J native build this driver chose ({@link NativeBuild}) and its layer helpers. */
    public static SparkSession start(Config c, String what) {
        return SparkSessions.start(c, what, JobKryoRegistrator.class.getName(),
                Map.of(NativeBuild.PROPERTY, NativeBuild.choose(), LayerHelpers.PROPERTY, LayerHelpers.enable()));
    }
}
