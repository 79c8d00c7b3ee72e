package dev.self2face.job.pipeline;

import dev.self2face.etl.EtlJob;
import dev.self2face.job.train.TrainingRun;
import dev.self2face.storage.Storage;
import dev.self2face.storage.WriterLock;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code pipeline --dry-run}: what a pipeline run would process, train and compare, read from storage without
 * Spark and without writing anything.
 */
final class PipelinePlan {
    private PipelinePlan() {
    }

    static String describe(Storage storage, PipelineSettings p, String fingerprint) throws IOException {
        StringBuilder b = new StringBuilder("dry run: nothing is processed, trained or published\n");
        String root = p.root();
        Optional<WriterLock.Holder> holder = WriterLock.holder(storage, root);
        b.append("root ").append(root).append(holder.map(h -> ": locked by " + h.what + " on host " + h.host
                + " since " + h.startedAt).orElse("")).append('\n');
        int listed = storage.listInputs(p.inputs()).size();
        List<String> pending = EtlJob.pending(storage, p.inputs(), PipelineLayout.dataset(root));
        b.append("videos: ").append(listed).append(" under the inputs, ").append(pending.size())
                .append(" new or changed would be processed").append(pending.isEmpty() ? "" : ":").append('\n');
        pending.forEach(v -> b.append("  ").append(v).append('\n'));
        Optional<PipelineState> stopped = PipelineState.unfinished(storage, root);
        stopped.ifPresent(s -> b.append("the unfinished pipeline run ").append(s.id).append(" (stopped during '")
                .append(s.stage).append("') would be ").append(fingerprint.equals(s.fingerprint) ? "continued"
                        : "marked abandoned: it had other inputs or settings").append('\n'));
        if (pending.isEmpty() && !p.retrainIfUnchanged() && stopped.isEmpty()) {
            return b.append("nothing new and pipeline.retrain-if-unchanged = false: nothing would be trained\n")
                    .toString();
        }
        for (var e : p.models().entrySet()) {
            String id = e.getKey();
            TrainingRun.Settings mc = e.getValue();
            GateRule gate = p.gates().get(id);
            String folder = PipelineLayout.models(root, id);
            LiveModel found = LiveModel.find(storage, folder);
            String live = found.run();
            boolean hasLive = found.usable();
            boolean local = mc.t().local();
            b.append(String.format(Locale.ROOT, "%s: would train %d %s, batch %d, %s, %s; gate: %s (%s is better, "
                            + "tolerance %.0f%%) %s%n", id,
                    local ? mc.t().steps() : mc.d().rounds(), local ? "steps" : "rounds",
                    mc.t().batch(), local ? "in the driver's JVM" : "on Spark executors",
                    p.warmStart() && hasLive ? "warm-started from " + live : "from random weights",
                    gate.metric(), gate.higherIsBetter() ? "higher" : "lower", gate.tolerance() * 100,
                    hasLive ? "against the live model " + live + ", both measured on the same val pairs"
                            : found.exists() ? "— DAMAGED: " + found.describeDamage() + " and, if it passes, "
                            + "replaces it" : "— no live model: the candidate would be published"));
        }
        return b.toString();
    }
}
