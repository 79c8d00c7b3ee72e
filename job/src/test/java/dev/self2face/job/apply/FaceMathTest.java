package dev.self2face.job.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.self2face.config.ConfigLoader;
import dev.self2face.job.cli.Main;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.LatentProjection;
import dev.self2face.job.notebooks.Notebooks;
import dev.self2face.job.run.PublishedModel;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.train.MegamindDataset;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Face math on a DCGAN trained on the Megamind pairs: the command writes its grids and numbers; projection lowers
 * the reconstruction error from its start by a clear margin; interpolation's endpoints are the two projections;
 * completion keeps every known pixel and takes the hidden ones from G; the face-math notebook runs on the output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaceMathTest {
    Path dir;
    Path run;

    @BeforeAll
    void trainAndRun() throws Exception {
        dir = Files.createTempDirectory("face-math");
        run = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--model", "dcgan", "--data", MegamindDataset.path(),
                "--out", run.toString(), "--steps", "60", "--batch", "16"));
        args.addAll(MegamindDataset.smallModel("dcgan"));
        cli(args.toArray(String[]::new));
        cli("face-math", "--model", run.toString(), "--out", dir.resolve("out").toString(), "--faces", "8",
                "--iterations", "100", "--set", "spark.master=local[2]", "--set",
                "spark.conf.\"spark.ui.enabled\"=false");
    }

    static void cli(String... args) {
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(err, true), args), err.toString());
    }

    @Test
    void theCommandWritesItsGridsAndProjectionLowersTheError() throws Exception {
        for (String f : List.of("project.png", "z.csv", "project.json", "interpolate.png", "complete.png",
                "complete.json")) {
            assertTrue(Files.size(dir.resolve("out").resolve(f)) > 0, f);
        }
        JsonNode p = new ObjectMapper().readTree(dir.resolve("out/project.json").toFile());
        assertTrue(p.get("error_end").asDouble() < 0.8 * p.get("error_start").asDouble(), p.toString());
        JsonNode c = new ObjectMapper().readTree(dir.resolve("out/complete.json").toFile());
        assertTrue(c.get("error_known_end").asDouble() < 0.8 * c.get("error_known_start").asDouble(), c.toString());
        assertEquals(9, Files.readAllLines(dir.resolve("out/z.csv")).size(), "a header and 8 faces");
    }

    @Test
    void theFaceMathNotebookRunsOnWhatTheCommandWrote() throws Exception {
        Path executed = Notebooks.execute(Notebooks.dir().resolve("face-math.ipynb"),
                Files.createDirectories(dir.resolve("executed")), Map.of("SELF2FACE_FACE_MATH",
                        dir.resolve("out").toString()));
        String nb = Files.readString(executed);
        assertTrue(nb.contains("image/png"), "it drew its pictures");
        assertTrue(!nb.contains("\"output_type\": \"error\""), "it ran without an error");
    }

    @Test
    void interpolationEndsAtTheProjectionsAndCompletionKeepsTheKnownPixels() {
        GanModel model = PublishedModel.load(new RunStore(new Storage(StorageSettings.from(
                ConfigLoader.load(List.of(), List.of()))), run.toString()));
        INDArray faces = Nd4j.rand(DataType.FLOAT, 2, 3, 64, 64).muli(2).subi(1);
        LatentProjection.Result p = LatentProjection.project(model, faces, null, 20, 0.1, 0.05, 7);
        INDArray a = p.z().getRow(0);
        INDArray b = p.z().getRow(1);
        for (boolean spherical : new boolean[] {false, true}) {
            INDArray ends = Nd4j.vstack(spherical ? Interpolation.spherical(a, b, 0) : Interpolation.linear(a, b, 0),
                    spherical ? Interpolation.spherical(a, b, 1) : Interpolation.linear(a, b, 1));
            INDArray g = LatentProjection.generate(model, ends.reshape(2, a.length()));
            assertTrue(Transforms.abs(g.sub(p.faces())).maxNumber().doubleValue() < 1e-4,
                    "endpoints reproduce the projections (spherical " + spherical + ")");
        }
        INDArray known = Nd4j.ones(faces.dataType(), 2, 1, 64, 64);
        known.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(32, 64), NDArrayIndex.all())
                .assign(0);
        INDArray done = Completion.blend(faces, p.faces(), known);
        INDArray top = done.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 32),
                NDArrayIndex.all());
        assertEquals(faces.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 32),
                NDArrayIndex.all()), top, "known pixels unchanged");
        INDArray bottom = done.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(32, 64),
                NDArrayIndex.all());
        assertEquals(p.faces().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(32, 64),
                NDArrayIndex.all()), bottom, "hidden pixels from G");
    }
}
