package dev.self2face.spark;

import dev.self2face.config.ConfigError;
import dev.self2face.storage.Storage;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts the Spark session of a command from its {@link SparkSettings}. Under spark-submit the
 * master and settings given there win; standalone (bin/self2face, tests) {@code spark.master} applies.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * The session of a command: master, name and Spark settings from the config (spark-submit's win), Kryo with
     * {@code kryoRegistrator} added to any registrators already set, local mode's scratch folder, and the storage
     * settings in the session's Hadoop configuration (which every read and write through Spark uses).
     */
    public static SparkSession start(SparkSettings s, String what, String kryoRegistrator) {
        return start(s, what, kryoRegistrator, Map.of());
    }

    /**
     * As {@link #start(SparkSettings, String, String)}, with system properties for the executors' JVMs added to
     * {@code spark.executor.extraJavaOptions} (those already set there are left as they are).
     */
    public static SparkSession start(SparkSettings s, String what, String kryoRegistrator,
                                     Map<String, String> executorProperties) {
        SparkConf conf = new SparkConf(true);
        if (!conf.contains("spark.master")) {
            conf.setMaster(s.master());
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName(s.appName() + " " + what);
        }
        s.conf().forEach(conf::setIfMissing);
        // image bytes travel between stages: Kryo is faster than Java serialization for them
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        String registrators = conf.get("spark.kryo.registrator", "");
        if (!List.of(registrators.split(",")).contains(kryoRegistrator)) {
            conf.set("spark.kryo.registrator", registrators.isEmpty() ? kryoRegistrator
                    : registrators + "," + kryoRegistrator);
        }
        String options = conf.get("spark.executor.extraJavaOptions", "");
        for (Map.Entry<String, String> p : executorProperties.entrySet()) {
            if (!options.contains("-D" + p.getKey() + "=")) {
                options = (options + " -D" + p.getKey() + "=" + p.getValue()).trim();
            }
        }
        if (!options.isEmpty()) {
            conf.set("spark.executor.extraJavaOptions", options);
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (conf.get("spark.master").startsWith("local") && !conf.contains("spark.local.dir")) {
            conf.set("spark.local.dir", scratch(s.localDirRoot()).getPath());
        }
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        Storage.hadoopConf(session.sparkContext().hadoopConfiguration(), s.storage());
        return session;
    }

    /**
     * This process's scratch folder for local mode under {@code root}, after removing the folders of processes
     * that no longer run (Spark deletes its own at a normal exit; a killed JVM leaves its blocks behind).
     */
    static File scratch(File root) {
        File[] old = root.listFiles((d, name) -> name.startsWith("pid-"));
        for (File f : old == null ? new File[0] : old) {
            try {
                long pid = Long.parseLong(f.getName().substring(4));
                if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                    deleteTree(f.toPath());
                }
            } catch (NumberFormatException | IOException ignored) {
                // not ours, or removed by another process meanwhile
            }
        }
        File mine = new File(root, "pid-" + ProcessHandle.current().pid());
        if (!mine.mkdirs() && !mine.isDirectory()) {
            throw new ConfigError("config key 'spark.local-dir-root' = " + root + ": cannot create " + mine);
        }
        mine.deleteOnExit(); // emptied by Spark's own shutdown hook
        return mine;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
