package dev.self2face.etl;

import dev.self2face.config.ConfigError;
import dev.self2face.etl.dataset.DatasetError;
import dev.self2face.etl.dataset.DatasetPublisher;
import dev.self2face.etl.dataset.FacePairs;
import dev.self2face.etl.dataset.Manifest;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageError;
import dev.self2face.storage.WriterLock;
import dev.self2face.testing.EtlRunner;
import dev.self2face.testing.Media;
import dev.self2face.testing.SparkTest;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dataset whose files and manifest disagree is refused by readers and repaired by the next ETL; what a run that
 * died left (temporary files, a missing contact sheet) is cleaned up by the next; a dataset another run is writing
 * is refused; nothing is published whose manifest lists a missing file.
 */
class DatasetRepairTest extends SparkTest {
    private static final String[] SMALL = {"etl.size=64", "etl.target-pairs=40"};
    @TempDir
    Path tmp;

    @Test
    void aDamagedDatasetIsRefusedThenRepairedAndLeftoversAreCleaned() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("videos"));
        Files.copy(Media.megamind().toPath(), in.resolve("a.avi"));
        Path out = tmp.resolve("ds");
        long pairs = EtlRunner.run(spark, List.of(in.toString()), out.toString(), SMALL).manifest().totals.pairs;

        Path part;
        try (Stream<Path> w = Files.walk(out.resolve("pairs"))) {
            part = w.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Files.delete(part);
        DatasetError damaged = assertThrows(DatasetError.class, () -> FacePairs.read(spark, out.toString()));
        assertTrue(damaged.getMessage().contains("damaged") && damaged.getMessage().contains("run etl"),
                damaged.getMessage());

        // and what a run killed while writing left at the top of the dataset
        Path leftover1 = Files.writeString(out.resolve("_tmp-contact-sheet.png-1b2c"), "x");
        Path leftover2 = Files.writeString(out.resolve("_tmp-_manifest.json-3d4e"), "{");
        EtlJob.Result repair = EtlRunner.run(spark, List.of(in.toString()), out.toString(), SMALL);
        assertEquals(1, repair.processed().size(), "the damaged video is processed again");
        assertEquals(pairs, repair.manifest().totals.pairs);
        assertEquals(pairs, FacePairs.read(spark, out.toString()).pairs().count());
        assertFalse(Files.exists(leftover1) || Files.exists(leftover2), "temporary files of dead runs are removed");

        Files.delete(out.resolve(DatasetPublisher.CONTACT_SHEET));
        EtlJob.Result nothingNew = EtlRunner.run(spark, List.of(in.toString()), out.toString(), SMALL);
        assertTrue(nothingNew.processed().isEmpty());
        assertTrue(Files.size(out.resolve(DatasetPublisher.CONTACT_SHEET)) > 1000, "the contact sheet is redrawn");
        assertTrue(Files.exists(out.resolve(DatasetPublisher.SUCCESS)));
        assertFalse(Files.exists(out.resolve(WriterLock.NAME)), "the lock is released");
    }

    @Test
    void aDatasetAnotherRunIsWritingIsRefused() throws Exception {
        Path out = tmp.resolve("busy");
        Storage storage = new Storage(new Configuration());
        try (WriterLock other = WriterLock.acquire(storage, out.toString(), "etl run elsewhere",
                Duration.ofMinutes(5))) {
            StorageError e = assertThrows(StorageError.class, () -> EtlRunner.run(spark,
                    List.of(Media.megamind().getPath()), out.toString(), SMALL));
            assertTrue(e.getMessage().contains("etl run elsewhere"), e.getMessage());
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(), files.toList(), "the refused run wrote nothing");
        }
    }

    @Test
    void anEmptyInputDirectoryIsAnError() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve(".hidden"), "x");
        ConfigError e = assertThrows(ConfigError.class, () -> EtlRunner.run(spark, List.of(empty.toString()),
                tmp.resolve("never").toString(), SMALL));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("no files"), e.getMessage());
    }

    @Test
    void nothingIsPublishedWhoseManifestListsAMissingFile() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("bad"));
        DatasetPublisher publisher = new DatasetPublisher(new Storage(new Configuration()), root.toString());
        Manifest m = new Manifest();
        Manifest.Source s = new Manifest.Source();
        s.files = List.of("pairs/split=train/source_id=abc/part-0.parquet");
        m.sources.put("abc", s);
        DatasetError e = assertThrows(DatasetError.class, () -> publisher.finish("r1", m));
        assertTrue(e.getMessage().contains("part-0.parquet"), e.getMessage());
        assertFalse(Files.exists(root.resolve(DatasetPublisher.SUCCESS)));
    }
}
