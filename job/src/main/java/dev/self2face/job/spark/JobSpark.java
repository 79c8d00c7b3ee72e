package dev.self2face.job.spark;

import com.typesafe.config.Config;
import dev.self2face.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/** The Spark session of every command and service of the job, set up the same way: {@link SparkSessions#start}. */
public final class JobSpark {
    private JobSpark() {
    }

    public static SparkSession start(Config c, String what) {
        return SparkSessions.start(c, what, JobKryoRegistrator.class.getName());
    }
}
