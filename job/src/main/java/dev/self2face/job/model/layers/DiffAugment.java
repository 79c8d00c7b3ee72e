package dev.self2face.job.model.layers;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Configuration of differentiable augmentation (Zhao, Liu, Lin, Zhu and Han 2020, "Differentiable Augmentation for
 * Data-Efficient GAN Training"): a random transform of every image D sees, real or generated, in D's update and in
 * G's (gradients flow through it to G). Policies, each drawn per image: {@code colour} (brightness + U(−0.5, 0.5),
 * saturation × U(0, 2), contrast × U(0.5, 1.5)), {@code translation} (a shift of up to 1/8 of the side, zero
 * filled), {@code cutout} (a square of half the side zeroed at a random centre). Each is applied to an image with
 * probability {@code probability} (1 = always, as in the paper; below 1 as adaptive augmentation sets it, Karras et
 * al. 2020). Colour applies to the channels from {@code colourFrom} on, three of them (the face of a pix2pix (condition,
 * face) stack; translation and cutout move both alike). At inference (training = false) it passes its input through.
 * DL4J 1.0.0-M2.1 has no such layer; its implementation is {@link DiffAugmentLayer}.
 */
public class DiffAugment extends NoParamLayer {
    private boolean colour;
    private boolean translation;
    private boolean cutout;
    private int colourFrom;
    private double probability = 1;

    /** For DL4J's JSON (de)serialisation of configurations. */
    public DiffAugment() {
        super();
    }

    public DiffAugment(String name, boolean colour, boolean translation, boolean cutout, int colourFrom) {
        this();
        this.layerName = name;
        this.colour = colour;
        this.translation = translation;
        this.cutout = cutout;
        this.colourFrom = colourFrom;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int index,
                                                       INDArray paramsView, boolean initializeParams,
                                                       DataType dataType) {
        return LayerWiring.wire(new DiffAugmentLayer(conf, dataType), conf, listeners, index, paramsView,
                initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(layerName, DiffAugment.class, inputType, inputType)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    public boolean isColour() {
        return colour;
    }

    public void setColour(boolean colour) {
        this.colour = colour;
    }

    public boolean isTranslation() {
        return translation;
    }

    public void setTranslation(boolean translation) {
        this.translation = translation;
    }

    public boolean isCutout() {
        return cutout;
    }

    public void setCutout(boolean cutout) {
        this.cutout = cutout;
    }

    public int getColourFrom() {
        return colourFrom;
    }

    public void setColourFrom(int colourFrom) {
        this.colourFrom = colourFrom;
    }

    public double getProbability() {
        return probability;
    }

    /** Adaptive augmentation's strength: the probability each policy is applied to an image. */
    public void setProbability(double probability) {
        this.probability = probability;
    }

    @Override
    public DiffAugment clone() {
        return (DiffAugment) super.clone();
    }
}
