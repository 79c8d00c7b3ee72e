package dev.self2face.etl.identity;

import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * face-api's face detector, SSD (Liu et al. 2016) on MobileNet v1 (Howard et al. 2017), in ND4J ops: an RGB image
 * of 512x512 -> a score and a box for each of 5,118 anchors, and the faces among them after non-maximum suppression.
 * <p>The graph as face-api runs it: values / 127.5 − 1; a 3x3 stride-2 convolution; 13 depthwise-separable pairs
 * (a 3x3 depthwise convolution with batch norm, stride 2 in pairs 2, 4, 6 and 12, then a 1x1 convolution), every
 * convolution followed by its offset and ReLU6; eight more convolutions (1x1, then 3x3 stride 2, four times); box
 * predictors (a 1x1 convolution for 4 box numbers and one for 3 class logits per anchor) on pair 11's output (3
 * anchors per cell), on pair 13's and on the 3x3 convolutions' outputs (6 per cell); anchors decoded as the
 * TensorFlow object-detection API does (centre offsets / 10, log sizes / 5); a face's score is the sigmoid of the
 * second class logit. Batch norm is folded into the depthwise filters. Checked against face-api's own output in the
 * tests. Why by hand: no library runs this model in Java (DL4J's model import reads Keras/TensorFlow graphs, not
 * tfjs manifests).
 */
public final class FaceDetectorNet {
    /** The side of the square input face-api's detector takes. */
    public static final int SIZE = 512;
    /** Anchors: 32x32 cells x 3, then (16² + 8² + 4² + 2² + 1²) cells x 6. */
    public static final int ANCHORS = 5118;
    private static final double BN_EPSILON = 0.0010000000474974513;
    private static final double IOU_THRESHOLD = 0.5;
    private static final int MAX_RESULTS = 100;

    private record Conv(INDArray filters, INDArray bias, int k, int stride) {
    }

    /** A face: its score and box (top, left, bottom, right as fractions of the input's side, clamped to 0..1). */
    public record Detection(double score, double top, double left, double bottom, double right) {
    }

    /** Every anchor's score [n, 5118] and decoded box [n, 5118, 4] (ymin, xmin, ymax, xmax; not clamped). */
    public record Anchors(INDArray scores, INDArray boxes) {
    }

    private final Conv conv0;
    private final Conv[] depthwise = new Conv[14];
    private final Conv[] pointwise = new Conv[14];
    private final Conv[] prediction = new Conv[8];
    private final Conv[] boxEncoding = new Conv[6];
    private final Conv[] classes = new Conv[6];
    private final INDArray anchors;

    public FaceDetectorNet(FaceApiWeights w) {
        conv0 = pointwise(w, "MobilenetV1/Conv2d_0_pointwise", 3, 3, 32, 2);
        int in = 32;
        for (int i = 1; i <= 13; i++) {
            int out = i == 1 ? 64 : i <= 3 ? 128 : i <= 5 ? 256 : i <= 11 ? 512 : 1024;
            int stride = i == 2 || i == 4 || i == 6 || i == 12 ? 2 : 1;
            depthwise[i] = depthwise(w, "MobilenetV1/Conv2d_" + i + "_depthwise", in, stride);
            pointwise[i] = pointwise(w, "MobilenetV1/Conv2d_" + i + "_pointwise", 1, in, out, 1);
            in = out;
        }
        int[] outs = {256, 512, 128, 256, 128, 256, 64, 128};
        in = 1024;
        for (int i = 0; i < 8; i++) {
            int k = i % 2 == 0 ? 1 : 3;
            prediction[i] = pointwise(w, "Prediction/Conv2d_" + i + "_pointwise", k, in, outs[i], k == 3 ? 2 : 1);
            in = outs[i];
        }
        int[] features = {512, 1024, 512, 256, 256, 128};
        for (int i = 0; i < 6; i++) {
            int perCell = i == 0 ? 3 : 6;
            String p = "Prediction/BoxPredictor_" + i;
            boxEncoding[i] = plain(w, p + "/BoxEncodingPredictor", features[i], perCell * 4);
            classes[i] = plain(w, p + "/ClassPredictor", features[i], perCell * 3);
        }
        anchors = Nd4j.create(w.get("Output/extra_dim", 1, ANCHORS, 4), new long[] {ANCHORS, 4}, 'c');
    }

    private static Conv pointwise(FaceApiWeights w, String name, int k, int in, int out, int stride) {
        INDArray filters = Nd4j.create(w.get(name + "/weights", k, k, in, out), new long[] {k, k, in, out}, 'c');
        INDArray offset = Nd4j.create(w.get(name + "/convolution_bn_offset", out), new long[] {out}, 'c');
        return new Conv(filters, offset, k, stride);
    }

    /** A 3x3 depthwise filter [3, 3, c, 1] with its batch norm folded in: filters · γ/σ, bias β − μ·γ/σ. */
    private static Conv depthwise(FaceApiWeights w, String name, int c, int stride) {
        INDArray filters = Nd4j.create(w.get(name + "/depthwise_weights", 3, 3, c, 1), new long[] {3, 3, c, 1}, 'c');
        INDArray gamma = vector(w, name + "/BatchNorm/gamma", c);
        INDArray beta = vector(w, name + "/BatchNorm/beta", c);
        INDArray mean = vector(w, name + "/BatchNorm/moving_mean", c);
        INDArray variance = vector(w, name + "/BatchNorm/moving_variance", c);
        INDArray scale = gamma.div(Transforms.sqrt(variance.add(BN_EPSILON), false));
        filters.reshape('c', 9L, c).muliRowVector(scale);
        return new Conv(filters, beta.sub(mean.mul(scale)), 3, stride);
    }

    private static Conv plain(FaceApiWeights w, String name, int in, int out) {
        INDArray filters = Nd4j.create(w.get(name + "/weights", 1, 1, in, out), new long[] {1, 1, in, out}, 'c');
        return new Conv(filters, vector(w, name + "/biases", out), 1, 1);
    }

    private static INDArray vector(FaceApiWeights w, String name, int n) {
        return Nd4j.create(w.get(name, n), new long[] {n}, 'c');
    }

    /** Every anchor's score and box for RGB images [n, 512, 512, 3] with values 0..255. */
    public Anchors anchors(INDArray rgb) {
        if (rgb.rank() != 4 || rgb.size(1) != SIZE || rgb.size(2) != SIZE || rgb.size(3) != 3) {
            throw new IllegalArgumentException("the detector takes RGB [n, 512, 512, 3], got "
                    + java.util.Arrays.toString(rgb.shape()));
        }
        INDArray x = rgb.castTo(DataType.FLOAT).div(127.5).subi(1);
        x = relu6(conv(x, conv0));
        INDArray conv11 = null;
        for (int i = 1; i <= 13; i++) {
            x = relu6(depthwiseConv(x, depthwise[i]));
            x = relu6(conv(x, pointwise[i]));
            if (i == 11) {
                conv11 = x;
            }
        }
        INDArray[] maps = new INDArray[6];
        maps[0] = conv11;
        maps[1] = x;
        INDArray p = x;
        for (int i = 0; i < 8; i++) {
            p = relu6(conv(p, prediction[i]));
            if (i % 2 == 1) {
                maps[2 + i / 2] = p;
            }
        }
        long n = rgb.size(0);
        List<INDArray> encodings = new ArrayList<>();
        List<INDArray> logits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            encodings.add(conv(maps[i], boxEncoding[i]).reshape('c', n, -1, 4));
            logits.add(conv(maps[i], classes[i]).reshape('c', n, -1, 3));
        }
        INDArray encoding = Nd4j.concat(1, encodings.toArray(INDArray[]::new));
        INDArray scores = Transforms.sigmoid(Nd4j.concat(1, logits.toArray(INDArray[]::new))
                .get(all(), all(), point(1)).dup(), false);
        return new Anchors(scores, decode(encoding));
    }

    /** Box encodings [n, a, 4] relative to the anchors -> boxes (ymin, xmin, ymax, xmax). */
    private INDArray decode(INDArray encoding) {
        INDArray sizeY = anchors.getColumn(2).sub(anchors.getColumn(0));
        INDArray sizeX = anchors.getColumn(3).sub(anchors.getColumn(1));
        INDArray centreY = anchors.getColumn(0).add(sizeY.div(2));
        INDArray centreX = anchors.getColumn(1).add(sizeX.div(2));
        long n = encoding.size(0);
        INDArray boxes = Nd4j.create(DataType.FLOAT, n, ANCHORS, 4);
        for (long b = 0; b < n; b++) {
            INDArray e = encoding.get(point(b), all(), all());
            INDArray y = e.getColumn(0).div(10).muli(sizeY).addi(centreY);
            INDArray xc = e.getColumn(1).div(10).muli(sizeX).addi(centreX);
            INDArray halfH = Transforms.exp(e.getColumn(2).div(5), false).muli(sizeY).divi(2);
            INDArray halfW = Transforms.exp(e.getColumn(3).div(5), false).muli(sizeX).divi(2);
            INDArray out = boxes.get(point(b), all(), all());
            out.getColumn(0).assign(y.sub(halfH));
            out.getColumn(1).assign(xc.sub(halfW));
            out.getColumn(2).assign(y.add(halfH));
            out.getColumn(3).assign(xc.add(halfW));
        }
        return boxes;
    }

    /**
     * The faces in each image scoring above {@code minConfidence}, best first, after face-api's non-maximum
     * suppression (a box overlapping a better one by IoU &gt; 0.5 is dropped; at most 100).
     */
    public List<List<Detection>> detect(INDArray rgb, double minConfidence) {
        Anchors a = anchors(rgb);
        List<List<Detection>> all = new ArrayList<>();
        for (long b = 0; b < rgb.size(0); b++) {
            float[] scores = a.scores().getRow(b).toFloatVector();
            float[][] boxes = a.boxes().get(point(b), interval(0, ANCHORS), all()).toFloatMatrix();
            all.add(suppress(scores, boxes, minConfidence));
        }
        return all;
    }

    /** The best score of each image [n]: the score of its best detection, whatever the threshold. */
    public double[] bestScores(INDArray rgb) {
        return anchors(rgb).scores().max(1).toDoubleVector();
    }

    static List<Detection> suppress(float[] scores, float[][] boxes, double minConfidence) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > minConfidence) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingDouble((Integer i) -> -scores[i]));
        List<Integer> kept = new ArrayList<>();
        for (int c : candidates) {
            if (kept.size() >= MAX_RESULTS) {
                break;
            }
            boolean suppressed = false;
            for (int k : kept) {
                if (iou(boxes[c], boxes[k]) > IOU_THRESHOLD) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(c);
            }
        }
        List<Detection> out = new ArrayList<>();
        for (int k : kept) {
            float[] b = boxes[k];
            out.add(new Detection(scores[k], clamp(b[0]), clamp(b[1]), clamp(b[2]), clamp(b[3])));
        }
        return out;
    }

    static double iou(float[] a, float[] b) {
        double areaA = (Math.max(a[0], a[2]) - Math.min(a[0], a[2])) * (Math.max(a[1], a[3]) - Math.min(a[1], a[3]));
        double areaB = (Math.max(b[0], b[2]) - Math.min(b[0], b[2])) * (Math.max(b[1], b[3]) - Math.min(b[1], b[3]));
        if (areaA <= 0 || areaB <= 0) {
            return 0;
        }
        double h = Math.max(0, Math.min(Math.max(a[0], a[2]), Math.max(b[0], b[2]))
                - Math.max(Math.min(a[0], a[2]), Math.min(b[0], b[2])));
        double w = Math.max(0, Math.min(Math.max(a[1], a[3]), Math.max(b[1], b[3]))
                - Math.max(Math.min(a[1], a[3]), Math.min(b[1], b[3])));
        return h * w / (areaA + areaB - h * w);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static INDArray conv(INDArray x, Conv c) {
        return Nd4j.cnn().conv2d(x, c.filters(), c.bias(), Conv2DConfig.builder().kH(c.k()).kW(c.k())
                .sH(c.stride()).sW(c.stride()).paddingMode(PaddingMode.SAME).dataFormat("NHWC")
                .weightsFormat(WeightsFormat.YXIO).build());
    }

    private static INDArray depthwiseConv(INDArray x, Conv c) {
        return Nd4j.cnn().depthWiseConv2d(x, c.filters(), c.bias(), Conv2DConfig.builder().kH(3).kW(3)
                .sH(c.stride()).sW(c.stride()).paddingMode(PaddingMode.SAME).dataFormat("NHWC").build());
    }

    private static INDArray relu6(INDArray x) {
        return Transforms.min(Transforms.relu(x, false), 6, false);
    }
}
