package dev.self2face.etl.face.landmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * dlib's shape predictor (Kazemi &amp; Sullivan 2014, "One Millisecond Face Alignment with an Ensemble of Regression
 * Trees"), re-implemented from dlib/image_processing/shape_predictor.h: a cascade of ensembles of regression trees
 * over shape-indexed pixel-difference features. Each cascade level samples grey pixels at points attached to the
 * current shape's landmarks (moved by the similarity transform from the mean shape to the current shape), every
 * tree compares pixel pairs down to a leaf, and the leaves' offsets are added to the shape.
 *
 * <p>Hand-written because no Java library runs dlib models; {@link #read} parses dlib's own serialization (a
 * {@code shape_predictor} as written by dlib 19.x, e.g. {@code shape_predictor_68_face_landmarks.dat}). Immutable
 * and thread-safe once read.
 */
public final class ShapePredictor {
    /** One split: left child when pixel[idx1] - pixel[idx2] &gt; thresh. */
    private record Tree(int[] idx1, int[] idx2, float[] thresh, float[][] leaves) {
    }

    private final float[] initialShape;        // mean shape in the unit box, x0 y0 x1 y1 ...
    private final Tree[][] forests;            // [cascade level][tree]
    private final int[][] anchor;              // [level][feature pixel] -> landmark index
    private final float[][] deltas;            // [level][2 * feature pixel] offset from the anchor, unit-box units

    private ShapePredictor(float[] initialShape, Tree[][] forests, int[][] anchor, float[][] deltas) {
        this.initialShape = initialShape;
        this.forests = forests;
        this.anchor = anchor;
        this.deltas = deltas;
    }

    public int parts() {
        return initialShape.length / 2;
    }

    public int cascadeLevels() {
        return forests.length;
    }

    public static ShapePredictor read(InputStream raw) throws IOException {
        DlibInput in = new DlibInput(new BufferedInputStream(raw, 1 << 20));
        long version = in.readSigned();
        if (version != 1) {
            throw new IOException("not a dlib shape_predictor (version " + version + ", expected 1)");
        }
        float[] initial = in.readColumn();
        if (initial.length == 0 || initial.length % 2 != 0) {
            throw new IOException("bad initial shape of " + initial.length + " values");
        }
        Tree[][] forests = new Tree[in.readIndex()][];
        for (int level = 0; level < forests.length; level++) {
            forests[level] = new Tree[in.readIndex()];
            for (int t = 0; t < forests[level].length; t++) {
                int splits = in.readIndex();
                int[] i1 = new int[splits];
                int[] i2 = new int[splits];
                float[] th = new float[splits];
                for (int s = 0; s < splits; s++) {
                    i1[s] = in.readIndex();
                    i2[s] = in.readIndex();
                    th[s] = in.readFloat();
                }
                float[][] leaves = new float[in.readIndex()][];
                if (leaves.length != splits + 1) {
                    throw new IOException("tree with " + splits + " splits has " + leaves.length + " leaves");
                }
                for (int l = 0; l < leaves.length; l++) {
                    leaves[l] = in.readColumn();
                    if (leaves[l].length != initial.length) {
                        throw new IOException("leaf of " + leaves[l].length + " values for a shape of "
                                + initial.length);
                    }
                }
                forests[level][t] = new Tree(i1, i2, th, leaves);
            }
        }
        int[][] anchor = new int[in.readIndex()][];
        for (int level = 0; level < anchor.length; level++) {
            anchor[level] = new int[in.readIndex()];
            for (int i = 0; i < anchor[level].length; i++) {
                anchor[level][i] = in.readIndex();
            }
        }
        float[][] deltas = new float[in.readIndex()][];
        for (int level = 0; level < deltas.length; level++) {
            deltas[level] = new float[2 * in.readIndex()];
            for (int i = 0; i < deltas[level].length; i++) {
                deltas[level][i] = in.readFloat();
            }
        }
        if (anchor.length != forests.length || deltas.length != forests.length) {
            throw new IOException("inconsistent predictor: " + forests.length + " cascade levels, "
                    + anchor.length + " anchor sets, " + deltas.length + " delta sets");
        }
        return new ShapePredictor(initial, forests, anchor, deltas);
    }

    /**
     * Landmarks of the face in {@code box} of a grey image.
     *
     * @param gray   row-major 8-bit grey pixels, {@code width * height}
     * @param box    left, top, right, bottom of the face box, inclusive (dlib's rectangle)
     * @return x0, y0, x1, y1, ... in image pixels
     */
    public float[] predict(byte[] gray, int width, int height, int[] box) {
        float[] shape = initialShape.clone();
        float[] features = new float[0];
        // unnormalizing transform of the box: (0,0) -> top-left, (1,1) -> bottom-right
        double bx = box[0];
        double by = box[1];
        double bw = box[2] - box[0];
        double bh = box[3] - box[1];
        for (int level = 0; level < forests.length; level++) {
            int n = anchor[level].length;
            if (features.length != n) {
                features = new float[n];
            }
            // the rotation + scale part of the similarity transform taking the mean shape onto the current one
            float[] rs = similarity(initialShape, shape);
            float a = rs[0];
            float b = rs[1];
            float[] d = deltas[level];
            for (int i = 0; i < n; i++) {
                int k = anchor[level][i];
                float dx = d[2 * i];
                float dy = d[2 * i + 1];
                float ux = a * dx - b * dy + shape[2 * k];
                float uy = b * dx + a * dy + shape[2 * k + 1];
                long px = (long) Math.floor(bx + bw * ux + 0.5);
                long py = (long) Math.floor(by + bh * uy + 0.5);
                features[i] = px >= 0 && py >= 0 && px < width && py < height
                        ? gray[(int) py * width + (int) px] & 0xff : 0f;
            }
            for (Tree t : forests[level]) {
                int node = 0;
                int splits = t.thresh.length;
                while (node < splits) {
                    node = features[t.idx1[node]] - features[t.idx2[node]] > t.thresh[node]
                            ? 2 * node + 1 : 2 * node + 2;
                }
                float[] leaf = t.leaves[node - splits];
                for (int j = 0; j < shape.length; j++) {
                    shape[j] += leaf[j];
                }
            }
        }
        float[] out = new float[shape.length];
        for (int i = 0; i < shape.length; i += 2) {
            out[i] = (float) (bx + bw * shape[i]);
            out[i + 1] = (float) (by + bh * shape[i + 1]);
        }
        return out;
    }

    /**
     * Least-squares similarity (rotation, uniform scale, translation) from {@code from} to {@code to}: returns
     * {a, b} of the linear part [[a, -b], [b, a]]. The closed form of Umeyama's method in 2-D without reflection,
     * which dlib's find_similarity_transform computes with an SVD.
     */
    static float[] similarity(float[] from, float[] to) {
        int n = from.length / 2;
        double mfx = 0;
        double mfy = 0;
        double mtx = 0;
        double mty = 0;
        for (int i = 0; i < n; i++) {
            mfx += from[2 * i];
            mfy += from[2 * i + 1];
            mtx += to[2 * i];
            mty += to[2 * i + 1];
        }
        mfx /= n;
        mfy /= n;
        mtx /= n;
        mty /= n;
        double dot = 0;
        double cross = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double fx = from[2 * i] - mfx;
            double fy = from[2 * i + 1] - mfy;
            double tx = to[2 * i] - mtx;
            double ty = to[2 * i + 1] - mty;
            dot += fx * tx + fy * ty;
            cross += fx * ty - fy * tx;
            norm += fx * fx + fy * fy;
        }
        if (norm == 0) {
            return new float[] {1, 0};
        }
        return new float[] {(float) (dot / norm), (float) (cross / norm)};
    }
}
