package dev.self2face.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.self2face.job.report.Chromium;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands of README.md's "Set up" section, run exactly as the README prints them (bash, from a folder that
 * looks like the repository: bin, conf, job and pom.xml linked in, so work-output/ lands in a scratch folder), one
 * after the other; the test command itself (the line with mvn) is what runs this, so it is left out. Runs after
 * package: bin/self2face uses the built jar. What the README promises of the results is checked too: the pipeline
 * publishes both models, pix2pix learns visibly, DCGAN's faces differ, the report and the summary page show.
 */
class ReadmeExamplesIT {
    static List<String> setUpCommands(Path readme) throws Exception {
        List<String> lines = Files.readAllLines(readme);
        int from = lines.indexOf("## Set up (a fresh machine with Java 17 and Maven)");
        assertTrue(from >= 0, "README.md has its Set up section");
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder current = new StringBuilder();
        for (String line : lines.subList(from + 1, lines.size())) {
            if (!inBlock && line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("```")) {
                inBlock = line.equals("```bash");
                continue;
            }
            if (!inBlock || line.isBlank()) {
                continue;
            }
            current.append(line).append('\n');
            if (!line.stripTrailing().endsWith("\\")) {
                commands.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return commands.stream().filter(c -> !c.contains("mvn ")).toList();
    }

    @Test
    void theReadmesSetUpCommandsWorkAsPrinted() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        List<String> commands = setUpCommands(repo.resolve("README.md"));
        assertTrue(commands.size() >= 4, "commands: " + commands);
        Path scratch = Files.createTempDirectory("readme");
        for (String link : List.of("bin", "conf", "job", "pom.xml")) {
            Files.createSymbolicLink(scratch.resolve(link), repo.resolve(link));
        }
        String inspected = "";
        for (String command : commands) {
            File log = Files.createTempFile("readme-command", ".log").toFile();
            ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command).directory(scratch.toFile())
                    .redirectErrorStream(true).redirectOutput(log);
            pb.environment().put("SELF2FACE_LOGS", scratch.resolve("logs").toString());
            Process p = pb.start();
            assertTrue(p.waitFor(20, TimeUnit.MINUTES), command + " did not finish in 20 minutes");
            String out = Files.readString(log.toPath());
            assertEquals(0, p.exitValue(), command + "\n" + out);
            if (command.contains(" translate ")) {
                assertTrue(out.contains("translated 1 of 1 images"), out);
            }
            if (command.contains(" inspect ")) {
                inspected = out;
            }
        }
        Path work = scratch.resolve("work-output");
        Path root = work.resolve("self2face");
        // "ask what the dataset holds": inspect's table says what the manifest says
        JsonNode totals = new ObjectMapper().readTree(root.resolve("dataset/_manifest.json").toFile()).get("totals");
        assertTrue(inspected.contains(totals.get("pairs").asLong() + " pairs (" + totals.get("train").asLong()
                + " train, " + totals.get("val").asLong() + " val) from 1 source(s)"), inspected);
        assertTrue(inspected.contains("Megamind.avi") && inspected.contains(" ok "), inspected);
        for (String made : List.of("self2face/dataset/_SUCCESS", "self2face/dataset/contact-sheet.png",
                "self2face/models/pix2pix/LATEST", "self2face/models/dcgan/LATEST", "translated/messi5.png",
                "faces.png")) {
            assertTrue(Files.exists(work.resolve(made)), made);
        }
        Path pix2pix = root.resolve("models/pix2pix/" + Files.readString(root.resolve("models/pix2pix/LATEST")).trim());
        Path dcgan = root.resolve("models/dcgan/" + Files.readString(root.resolve("models/dcgan/LATEST")).trim());
        assertTrue(Files.exists(pix2pix.resolve("_SUCCESS")) && Files.exists(dcgan.resolve("_SUCCESS")));
        // "learns visibly": pix2pix's val L1 clearly below the untrained generator's and the mean train face's
        JsonNode p = new ObjectMapper().readTree(pix2pix.resolve("evaluation.json").toFile());
        double l1 = p.get("val_l1").asDouble();
        assertTrue(l1 < 0.7 * p.get("val_l1_untrained").asDouble(), p.toString());
        assertTrue(l1 < 0.95 * p.get("val_l1_mean_face").asDouble(), p.toString());
        double ssim = p.get("val_ssim").asDouble();
        assertTrue(ssim > p.get("val_ssim_untrained").asDouble() && ssim > p.get("val_ssim_mean_face").asDouble(),
                p.toString());
        // the README's run's report in a real browser; its screenshot is docs/pictures/report.png (not in git)
        Path report = pix2pix.resolve("report.html");
        Chromium.assertImagesDecodeWithoutErrors(report);
        Chromium.screenshot(report, repo.resolve("docs/pictures/report.png"), 2400);
        // the pipeline's summary page shows both candidates' grids
        Path summary;
        try (var runs = Files.list(root.resolve("runs"))) {
            summary = runs.findFirst().orElseThrow().resolve("summary.html");
        }
        Chromium.assertImagesDecodeWithoutErrors(summary);
        // DCGAN's samples differ from each other (a collapsed G would give one face) and came near the person: in
        // random features and to face-api's recognition net, far nearer than the untrained generator's
        JsonNode d = new ObjectMapper().readTree(dcgan.resolve("evaluation.json").toFile());
        assertTrue(d.get("sample_pairwise_l1").asDouble() > 0.5 * d.get("sample_pairwise_l1_real").asDouble(),
                d.toString());
        assertTrue(d.get("sample_fd").asDouble() < 0.5 * d.get("sample_fd_untrained").asDouble(), d.toString());
        assertTrue(d.get("identity_distance").asDouble() < d.get("identity_distance_untrained").asDouble() - 0.1,
                d.toString());
        // what the README says of this run's gate: published, the warnings the laptop's gate lets through named
        JsonNode gate = new ObjectMapper().readTree(dcgan.resolve("gate.json").toFile());
        assertTrue(gate.get("reason").asText().contains("block-on lets through"), gate.toString());
    }
}
