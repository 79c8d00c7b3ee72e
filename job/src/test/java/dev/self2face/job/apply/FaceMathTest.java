package dev.self2face.job.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.self2face.config.ConfigLoader;
import dev.self2face.job.cli.Main;
import dev.self2face.job.data.Seeds;
import dev.self2face.job.model.GanModel;
import dev.self2face.job.model.LatentProjection;
import dev.self2face.job.notebooks.Notebooks;
import dev.self2face.job.run.PublishedModel;
import dev.self2face.job.run.RunStore;
import dev.self2face.job.train.MegamindDataset;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import dev.self2face.testing.Media;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Face math on a DCGAN trained on the Megamind pairs: the command writes its grids and numbers; projection finds
 * faces G can make (lowering the error by a clear margin) and lowers real faces' error; arithmetic groups faces by
 * the measure; interpolation's endpoints are the two projections; completion keeps every known pixel and takes the
 * hidden ones from G; photos and saved z work as inputs; the face-math notebook runs on the output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaceMathTest {
    Path dir;
    Path run;

    @BeforeAll
    void trainAndRun() throws Exception {
        dir = Files.createTempDirectory("face-math");
        run = dir.resolve("run");
        cli(MegamindDataset.trainSmall("dcgan", run.toString(), 30, 8));
        cli("face-math", "--model", run.toString(), "--out", dir.resolve("out").toString(), "--faces", "4",
                "--iterations", "40", "--group", "3", "--set", "spark.master=local[2]", "--set",
                "spark.conf.\"spark.ui.enabled\"=false");
    }

    static void cli(String... args) {
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(err, true), args), err.toString());
    }

    @Test
    void theCommandWritesItsGridsAndNumbers() throws Exception {
        for (String f : List.of("project.png", "z.csv", "project.json", "interpolate.png", "arithmetic.png",
                "arithmetic-neighbourhood.png", "arithmetic.json", "complete.png", "complete.json")) {
            assertTrue(Files.size(dir.resolve("out").resolve(f)) > 0, f);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode p = json.readTree(dir.resolve("out/project.json").toFile());
        // real faces lie mostly outside a briefly trained G's range: the error falls, by little (the clear margin is
        // projectionFindsTheFacesTheGeneratorCanMake's)
        assertTrue(p.get("error_end").asDouble() < p.get("error_start").asDouble(), p.toString());
        JsonNode c = json.readTree(dir.resolve("out/complete.json").toFile());
        assertTrue(c.get("error_known_end").asDouble() < c.get("error_known_start").asDouble(), c.toString());
        List<String> z = Files.readAllLines(dir.resolve("out/z.csv"));
        assertEquals(p.get("faces").asInt() + 1, z.size(), "a header and a line per face");
        assertTrue(p.get("faces").asInt() >= 2, p.toString());
        assertEquals(4 + 100, z.get(0).split(",").length, "face, label, two errors, z0..z99");
        JsonNode a = json.readTree(dir.resolve("out/arithmetic.json").toFile());
        assertEquals("mouth_open", a.get("measure").asText());
        assertEquals(3, a.get("A").get("ids").size());
        assertEquals(3, a.get("B").get("ids").size());
        assertEquals(3, a.get("C").get("ids").size());
        assertTrue(a.get("A").get("measure_mean").asDouble() > a.get("C").get("measure_mean").asDouble());
        assertTrue(a.get("C").get("measure_mean").asDouble() >= a.get("B").get("measure_mean").asDouble());
    }

    @Test
    void projectionFindsTheFacesTheGeneratorCanMake() {
        GanModel model = load();
        INDArray target = LatentProjection.generate(model, Seeds.noise(99, 4, model.settings().zDim()));
        LatentProjection.Result p = LatentProjection.project(model, target, null, 60, 0.1, 0.1, 7);
        double start = Arrays.stream(p.startError()).average().orElseThrow();
        double end = Arrays.stream(p.endError()).average().orElseThrow();
        assertTrue(end < 0.5 * start, "error " + start + " -> " + end);
    }

    @Test
    void photosAndSavedZAreInputs() throws Exception {
        Path out = dir.resolve("photo");
        String messi = Media.messi().getPath();
        cli("face-math", "--model", run.toString(), "--out", out.toString(), "--op", "project", "--images", messi,
                messi, "--iterations", "5");
        List<String> z = Files.readAllLines(out.resolve("z.csv"));
        assertEquals(3, z.size());
        assertTrue(z.get(1).startsWith("0,messi5.jpg,"), z.get(1));
        cli("face-math", "--model", run.toString(), "--out", out.toString(), "--op", "interpolate", "--z",
                out.resolve("z.csv").toString(), "--steps", "5");
        assertTrue(Files.size(out.resolve("interpolate.png")) > 0);
        Files.writeString(out.resolve("bad.csv"), "a,b\n1,2\n");
        StringWriter err = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(err, true), "face-math", "--model", run.toString(), "--out",
                out.toString(), "--op", "interpolate", "--z", out.resolve("bad.csv").toString()));
        assertTrue(err.toString().contains("bad.csv"), err.toString());
        err = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(err, true), "face-math", "--model", run.toString(), "--out",
                out.toString(), "--measure", "frown"));
        assertTrue(err.toString().contains("face-math.measure' (--measure) = frown"), err.toString());
    }

    private GanModel load() {
        return PublishedModel.load(new RunStore(new Storage(StorageSettings.from(
                ConfigLoader.load(List.of(), List.of()))), run.toString()));
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
        GanModel model = load();
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
