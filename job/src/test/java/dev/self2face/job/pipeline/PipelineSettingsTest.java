package dev.self2face.job.pipeline;

import dev.self2face.config.ConfigError;
import dev.self2face.config.ConfigLoader;
import dev.self2face.job.eval.QualityWarning;
import dev.self2face.job.eval.QualityWatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline's settings and gate, checked before Spark starts; the gate's rule. */
class PipelineSettingsTest {
    static PipelineSettings settings(String... sets) {
        List<String> all = new ArrayList<>(List.of("pipeline.root=/tmp/root", "pipeline.inputs=[/tmp/v.mp4]"));
        all.addAll(List.of(sets));
        return PipelineSettings.from(ConfigLoader.load(List.of(), all));
    }

    static void fails(String expected, String... sets) {
        ConfigError e = assertThrows(ConfigError.class, () -> settings(sets));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void eachModelGetsItsOwnTrainingKeysOverTheRunsOnes() {
        PipelineSettings p = settings("training.steps=50", "pipeline.train.dcgan.training.steps=7",
                "pipeline.train.dcgan.model.dcgan.ngf=16");
        assertEquals(List.of("pix2pix", "dcgan"), new ArrayList<>(p.models().keySet()));
        assertEquals(50, p.models().get("pix2pix").t().steps());
        assertEquals(7, p.models().get("dcgan").t().steps());
        assertEquals(16, p.models().get("dcgan").m().ngf());
        assertEquals("dcgan", p.models().get("dcgan").m().kind());
        assertEquals("val_l1", p.gates().get("pix2pix").metric());
        assertFalse(p.gates().get("pix2pix").higherIsBetter());
    }

    /** A model's type declares the metric its gate compares: a model added needs no gate section. */
    @Test
    void aGateComparesTheModelsOwnMetricUnlessTheConfigNamesAnother() {
        assertEquals(new dev.self2face.job.extension.TinyGan.Type().gateMetric(),
                settings("pipeline.models=[tiny]").gates().get("tiny").metric());
        assertEquals("sample_kid", settings("pipeline.models=[tiny]", "pipeline.gate.tiny.metric=sample_kid")
                .gates().get("tiny").metric());
        fails("config key 'pipeline.gate.pix2pix.metric' = val_l1 (pix2pix's own gate metric): pix2pix does not "
                + "compute it", "pipeline.models=[pix2pix]", "training.metrics=[val_ssim]");
    }

    @Test
    void mistakesAreNamedBeforeAnythingRuns() {
        fails("config key 'pipeline.root' (--root) is required", "pipeline.root=");
        fails("config key 'pipeline.inputs' (--input) is required", "pipeline.inputs=[]");
        fails("unknown config key 'training.stpes' (pipeline.train.dcgan); did you mean 'training.steps'?",
                "pipeline.train.dcgan.training.stpes=3");
        fails("config key 'training.steps' (pipeline.train.dcgan): expected number",
                "pipeline.train.dcgan.training.steps=many");
        fails("'pipeline.train.dcgan.etl': only model.* and training.* keys can differ",
                "pipeline.train.dcgan.etl.size=128");
        fails("config key 'pipeline.train.dcgna' = 'dcgna': must be one of", "pipeline.train.dcgna.training.steps=3");
        fails("config key 'pipeline.gate.dcgan.metric' = val_l1: dcgan does not compute it",
                "pipeline.gate.dcgan.metric=val_l1");
        fails("config key 'pipeline.gate.pix2pix.metric' = sample_fd: pix2pix does not compute it",
                "pipeline.models=[pix2pix]", "pipeline.gate.pix2pix.metric=sample_fd");
        fails("'pipeline.gate.pix2pix.metric' = val_ssim: pix2pix does not compute it with its training.metrics",
                "pipeline.gate.pix2pix.metric=val_ssim", "training.metrics=[val_l1]");
        fails("unknown config key 'pipeline.gate.pix2pix.tolerence'", "pipeline.gate.pix2pix.tolerence=1");
        fails("'pipeline.gate.pix2pix.tolerance' = -1.0: must be in [0, 10]", "pipeline.gate.pix2pix.tolerance=-1");
        fails("config key 'pipeline.models' = 'cyclegan': must be one of", "pipeline.models=[cyclegan]");
    }

    @Test
    void theGateComparesWithTheLiveFigureWithinTheTolerance() {
        GateRule lower = new GateRule("pix2pix", "val_l1", false, 0.02, List.of());
        assertTrue(lower.decide(0.150, OptionalDouble.of(0.150)).passed());
        assertTrue(lower.decide(0.153, OptionalDouble.of(0.150)).passed(), "within 2 %");
        GateRule.Verdict worse = lower.decide(0.160, OptionalDouble.of(0.150));
        assertFalse(worse.passed());
        assertTrue(worse.reason().contains("val_l1 0.1600 vs live 0.1500"), worse.reason());
        assertTrue(worse.reason().contains("worse than the live model"), worse.reason());
        GateRule higher = new GateRule("pix2pix", "val_ssim", true, 0.0, List.of());
        assertTrue(higher.decide(0.51, OptionalDouble.of(0.50)).passed());
        assertFalse(higher.decide(0.49, OptionalDouble.of(0.50)).passed());
        assertTrue(lower.decide(0.9, OptionalDouble.empty()).passed(), "no live model: the first is published");
        assertFalse(lower.decide(Double.NaN, OptionalDouble.empty()).passed(), "a diverged candidate never passes");
    }

    @Test
    void theGateRefusesWhatTheCandidatesFinalEvaluationFlags() {
        // a collapsed DCGAN's final figures, as its evaluation.json holds them (with baselines)
        Map<String, Double> collapsed = Map.of("sample_pairwise_l1", 0.02, "sample_pairwise_l1_real", 0.156,
                "sample_nn_train", 0.40, "sample_nn_train_val", 0.25, "face_rate", 0.0, "face_rate_real", 1.0);
        List<QualityWarning> flagged = QualityWatch.ofFinal(List.of(), collapsed);
        assertEquals(List.of("mode-collapse", "few-faces"), flagged.stream().map(QualityWarning::code).toList());
        GateRule dcgan = new GateRule("dcgan", "sample_fd", false, 0.05, List.of("mode-collapse", "few-faces"));
        GateRule.Verdict first = dcgan.decide(0.9, OptionalDouble.empty(), flagged);
        assertFalse(first.passed(), "a first model that the run itself flags is not published");
        assertTrue(first.reason().contains("mode-collapse") && first.reason().contains("block-on"), first.reason());
        assertFalse(dcgan.decide(0.5, OptionalDouble.of(0.9), flagged).passed(), "better than live, still refused");
        // a healthy candidate passes as before; an empty block-on list blocks nothing
        Map<String, Double> healthy = Map.of("sample_pairwise_l1", 0.14, "sample_pairwise_l1_real", 0.156,
                "sample_nn_train", 0.30, "sample_nn_train_val", 0.25, "face_rate", 0.9, "face_rate_real", 1.0);
        assertTrue(dcgan.decide(0.9, OptionalDouble.empty(), QualityWatch.ofFinal(List.of(), healthy)).passed());
        assertTrue(new GateRule("dcgan", "sample_fd", false, 0.05, List.of())
                .decide(0.9, OptionalDouble.empty(), flagged).passed());
        fails("config key 'pipeline.gate.dcgan.block-on': unknown quality warning 'blob'",
                "pipeline.gate.dcgan.block-on=[blob]");
    }
}
