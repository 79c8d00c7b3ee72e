package dev.self2face.etl.identity;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * face-api's face recognition network (a ResNet-34-like net after dlib's, on 150x150 RGB) in ND4J ops: a face ->
 * a 128-number descriptor; faces of one person lie within ~0.6 (Euclidean) of each other.
 * <p>The graph as face-api runs it: RGB minus the mean colour, / 255; a 7x7 stride-2 convolution and a 3x3 stride-2
 * max pool; residual blocks (two 3x3 convolutions, the input added, ReLU) at 32, 64, 128 and 256 channels, each width
 * entered by a "down" block (the first convolution stride 2 without padding; the shortcut a 2x2 average pool,
 * zero channels appended when the width doubles, the convolution's output zero-padded at the bottom and right when
 * the pool's is larger); the spatial mean; a 256x128 matrix. Every convolution is followed by a per-channel scale
 * and shift, folded here into its filters and bias. Checked against face-api's own output in the tests.
 * <p>Not thread-safe to share across threads that set different ND4J workspaces; one per task is cheap (5.6 M
 * values).
 */
public final class FaceDescriptorNet {
    public static final int SIZE = 150;
    public static final int DIMENSIONS = 128;
    private static final double[] MEAN_RGB = {122.782, 117.001, 104.298};
    private static final String[] BLOCKS = {"conv32_1", "conv32_2", "conv32_3", "conv64_down", "conv64_1",
        "conv64_2", "conv64_3", "conv128_down", "conv128_1", "conv128_2", "conv256_down", "conv256_1", "conv256_2",
        "conv256_down_out"};

    private record Conv(INDArray filters, INDArray bias, int k) {
    }

    private final Map<String, Conv> convs = new HashMap<>();
    private final INDArray fc;

    public FaceDescriptorNet(FaceApiWeights w) {
        convs.put("conv32_down", conv(w, "conv32_down", 7, 3, 32));
        int in = 32;
        for (String block : BLOCKS) {
            int out = block.startsWith("conv32") ? 32 : block.startsWith("conv64") ? 64
                    : block.startsWith("conv128") ? 128 : 256;
            convs.put(block + "/conv1", conv(w, block + "/conv1", 3, in, out));
            convs.put(block + "/conv2", conv(w, block + "/conv2", 3, out, out));
            in = out;
        }
        fc = Nd4j.create(w.get("fc", 256, DIMENSIONS), new long[] {256, DIMENSIONS}, 'c');
    }

    /** Filters HWIO times the scale per output channel; bias · scale + shift. */
    private static Conv conv(FaceApiWeights w, String name, int k, int in, int out) {
        INDArray filters = Nd4j.create(w.get(name + "/conv/filters", k, k, in, out), new long[] {k, k, in, out}, 'c');
        INDArray scale = Nd4j.create(w.get(name + "/scale/weights", out), new long[] {out}, 'c');
        INDArray bias = Nd4j.create(w.get(name + "/conv/bias", out), new long[] {out}, 'c')
                .mul(scale).addi(Nd4j.create(w.get(name + "/scale/biases", out), new long[] {out}, 'c'));
        filters.reshape('c', (long) k * k * in, out).muliRowVector(scale);
        return new Conv(filters, bias, k);
    }

    /**
     * Descriptors [n, 128] of faces given as RGB [n, 150, 150, 3] with values 0..255 (as face-api takes them after
     * its resize).
     */
    public INDArray describe(INDArray rgb) {
        INDArray x = rgb.castTo(DataType.FLOAT).dup();
        for (int c = 0; c < 3; c++) {
            x.get(all(), all(), all(), point(c)).subi(MEAN_RGB[c]);
        }
        x.divi(255);
        x = relu(conv(x, "conv32_down", 2, PaddingMode.VALID));
        x = Nd4j.cnn().maxPooling2d(x, pool(3, Pooling2D.Pooling2DType.MAX));
        for (String block : BLOCKS) {
            x = block.endsWith("down") || block.endsWith("down_out") ? residualDown(x, block) : residual(x, block);
        }
        return x.mean(1, 2).mmul(fc);
    }

    /** Descriptors of BGR face crops of any size: padded to square (centred, black), resized to 150x150, RGB. */
    public INDArray describe(List<Mat> bgrFaces) {
        return describe(input(bgrFaces));
    }

    /** The network's input for BGR crops, as face-api prepares an image: centred on a black square, 150x150. */
    public static INDArray input(List<Mat> bgrFaces) {
        float[] all = new float[bgrFaces.size() * SIZE * SIZE * 3];
        int offset = 0;
        byte[] px = new byte[SIZE * SIZE * 3];
        for (Mat face : bgrFaces) {
            int side = Math.max(face.cols(), face.rows());
            int top = (side - face.rows()) / 2;
            int left = (side - face.cols()) / 2;
            try (Mat square = new Mat(); Mat sized = new Mat(); Mat rgb = new Mat()) {
                copyMakeBorder(face, square, top, side - face.rows() - top, left, side - face.cols() - left,
                        BORDER_CONSTANT, new Scalar(0, 0, 0, 0));
                resize(square, sized, new Size(SIZE, SIZE), 0, 0, INTER_LINEAR);
                cvtColor(sized, rgb, COLOR_BGR2RGB);
                Mat c = rgb.isContinuous() ? rgb : rgb.clone();
                c.data().get(px);
            }
            for (byte b : px) {
                all[offset++] = b & 0xff;
            }
        }
        return Nd4j.create(all, new long[] {bgrFaces.size(), SIZE, SIZE, 3}, 'c');
    }

    private INDArray residual(INDArray x, String block) {
        INDArray out = relu(conv(x, block + "/conv1", 1, PaddingMode.SAME));
        out = conv(out, block + "/conv2", 1, PaddingMode.SAME);
        return relu(out.addi(x));
    }

    private INDArray residualDown(INDArray x, String block) {
        INDArray out = relu(conv(x, block + "/conv1", 2, PaddingMode.VALID));
        out = conv(out, block + "/conv2", 1, PaddingMode.SAME);
        INDArray pooled = Nd4j.cnn().avgPooling2d(x, pool(2, Pooling2D.Pooling2DType.AVG));
        if (pooled.size(1) != out.size(1) || pooled.size(2) != out.size(2)) {
            out = Nd4j.pad(out, new int[][] {{0, 0}, {0, 1}, {0, 1}, {0, 0}});
        }
        if (pooled.size(3) != out.size(3)) {
            pooled = Nd4j.pad(pooled, new int[][] {{0, 0}, {0, 0}, {0, 0}, {0, (int) pooled.size(3)}});
        }
        return relu(out.addi(pooled));
    }

    private INDArray conv(INDArray x, String name, int stride, PaddingMode padding) {
        Conv c = convs.get(name);
        return Nd4j.cnn().conv2d(x, c.filters(), c.bias(), Conv2DConfig.builder().kH(c.k()).kW(c.k())
                .sH(stride).sW(stride).paddingMode(padding).dataFormat("NHWC").weightsFormat(WeightsFormat.YXIO)
                .build());
    }

    private static Pooling2DConfig pool(int k, Pooling2D.Pooling2DType type) {
        return Pooling2DConfig.builder().kH(k).kW(k).sH(2).sW(2).paddingMode(PaddingMode.VALID).type(type)
                .isNHWC(true).build();
    }

    private static INDArray relu(INDArray x) {
        return Transforms.relu(x, false);
    }
}
