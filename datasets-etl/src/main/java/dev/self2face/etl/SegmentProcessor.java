package dev.self2face.etl;

import dev.self2face.etl.dataset.PairSchema;
import dev.self2face.etl.face.Alignment;
import dev.self2face.etl.face.DropReason;
import dev.self2face.etl.face.PackedFace;
import dev.self2face.etl.face.Sharpness;
import dev.self2face.etl.video.FrameSampler;
import dev.self2face.etl.video.Segment;
import dev.self2face.etl.video.VideoDecoder;
import dev.self2face.storage.LocalCopies;
import dev.self2face.storage.Storage;
import dev.self2face.storage.StorageSettings;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs in an executor, one call per segment: decode the segment, keep the sampled frames, align the face, measure
 * sharpness, hash and pack the face (its condition and PNGs are made only if it survives near-duplicate removal:
 * {@link PairEncoder}). Per-frame failures become counted drop reasons;
 * a segment that cannot be decoded becomes a reject; nothing here throws for bad input.
 */
public final class SegmentProcessor implements Serializable {
    private final EtlSettings etl;
    private final StorageSettings storage;
    private final double intervalSec;

    public SegmentProcessor(EtlSettings etl, StorageSettings storage, double intervalSec) {
        this.etl = etl;
        this.storage = storage;
        this.intervalSec = intervalSec;
    }

    public List<SegmentOutput> process(Segment seg) {
        List<SegmentOutput> out = new ArrayList<>();
        String uri = seg.video().uri();
        Map<String, Long> dropped = new TreeMap<>();
        long[] counts = new long[3]; // sampled, faces found, candidates
        double[] seconds = new double[2]; // align, sharpness + hash + pack
        long start = System.nanoTime();
        VideoDecoder.DecodeStats stats;
        FrameSampler sampler = new FrameSampler(intervalSec, seg.video().frameDurationSec());
        double valFrom = seg.video().durationSec() * (1 - etl.valFraction());
        try {
            FaceTools tools = FaceTools.forThread(etl, storage);
            tools.startSegment();
            File local = LocalCopies.localFile(new Storage(storage), uri, seg.video().fingerprint(),
                    storage.localCacheDir());
            try (VideoDecoder decoder = new VideoDecoder(local)) {
                stats = decoder.decode(seg, sampler, (idx, t, bgr) -> {
                    counts[0]++;
                    long t0 = System.nanoTime();
                    tools.beforeFrame(t);
                    Alignment a = tools.aligner.align(bgr);
                    long t1 = System.nanoTime();
                    seconds[0] += (t1 - t0) / 1e9;
                    if (!a.ok()) {
                        dropped.merge(a.dropped().key, 1L, Long::sum);
                        return;
                    }
                    try (Mat face = a.aligned()) {
                        counts[1]++;
                        double sharpness = Sharpness.of(face);
                        if (sharpness < etl.minSharpness()) {
                            dropped.merge(DropReason.BLURRY.key, 1L, Long::sum);
                        } else {
                            out.add(new SegmentOutput.Candidate(
                                    String.format("%s-%08d", seg.sourceId(), idx), seg.sourceId(), uri,
                                    seg.video().fingerprint(), t, idx, a.faceBox(), a.eyes(), a.landmarks(),
                                    sharpness, tools.hash.of(face), etl.size(), PackedFace.pack(face),
                                    t >= valFrom ? PairSchema.VAL : PairSchema.TRAIN));
                            counts[2]++;
                        }
                    }
                    seconds[1] += (System.nanoTime() - t1) / 1e9;
                });
            }
        } catch (IOException | RuntimeException e) {
            out.add(new SegmentOutput.Reject(seg.sourceId(), uri, "decode",
                    "segment " + seg.index() + " [" + seg.startSec() + " s, " + endLabel(seg) + "): "
                            + e.getMessage()));
            stats = new VideoDecoder.DecodeStats(0, true, e.getMessage());
        }
        if (stats.error() != null && out.stream().noneMatch(o -> o instanceof SegmentOutput.Reject)) {
            out.add(new SegmentOutput.Reject(seg.sourceId(), uri, "decode", "segment " + seg.index() + ": "
                    + stats.error()));
        } else if (stats.error() == null && stats.endedEarly()) {
            out.add(new SegmentOutput.Reject(seg.sourceId(), uri, "decode", String.format(
                    "truncated or corrupt: segment %d [%.1f s, %s) ended after %d frames; the container says %.2f s",
                    seg.index(), seg.startSec(), endLabel(seg), stats.framesDecoded(), seg.video().durationSec())));
        }
        double total = (System.nanoTime() - start) / 1e9;
        out.add(new SegmentOutput.Stats(seg.sourceId(), seg.index(), stats.framesDecoded(), counts[0], counts[1],
                counts[2], dropped, Math.max(0, total - seconds[0] - seconds[1]), seconds[0], seconds[1]));
        return out;
    }

    private static String endLabel(Segment seg) {
        return Double.isFinite(seg.endSec()) ? seg.endSec() + " s" : "end";
    }
}
