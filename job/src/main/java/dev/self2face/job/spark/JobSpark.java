package dev.self2face.job.spark;

import dev.self2face.spark.SparkSessions;
import dev.self2face.spark.SparkSettings;
import dev.self2face.job.backend.LayerHelpers;
import dev.self2face.job.backend.NativeBuild;
import org.apache.spark.serializer.KryoRegistrator;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/** The Spark session of every command and service of the job, set up the same way: {@link SparkSessions#start}. */
public final class JobSpark {
    private JobSpark() {
    }

    /**
     * Executors load the ND4J native build this driver chose ({@link NativeBuild}) and its layer helpers; Kryo gets
     * {@link JobKryoRegistrator}'s registrations, then those of {@code more} (Spark takes a list of registrators).
     */
    @SafeVarargs
    public static SparkSession start(SparkSettings s, String what, Class<? extends KryoRegistrator>... more) {
        StringBuilder registrators = new StringBuilder(JobKryoRegistrator.class.getName());
        for (Class<? extends KryoRegistrator> r : more) {
            registrators.append(',').append(r.getName());
        }
        return SparkSessions.start(s, what, registrators.toString(),
                Map.of(NativeBuild.PROPERTY, NativeBuild.choose(), LayerHelpers.PROPERTY, LayerHelpers.enable()));
    }
}
