package dev.self2face.etl.face;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

import java.io.File;
import java.io.IOException;

/** Loads the Haar cascades that ship as resources inside the OpenCV jar (extracted once by JavaCPP's cache). */
public final class Cascades {
    public static final String FAST_FACE = "lbpcascades/lbpcascade_frontalface.xml";
    public static final String FACE = "haarcascades/haarcascade_frontalface_alt2.xml";
    public static final String EYE = "haarcascades/haarcascade_eye.xml";

    private Cascades() {
    }

    public static CascadeClassifier load(String name) {
        String resource = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/" + name;
        File file;
        try {
            Loader.load(org.bytedeco.opencv.global.opencv_objdetect.class);
            file = Loader.cacheResource(resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract cascade " + resource + " from the OpenCV jar", e);
        }
        if (file == null) {
            throw new IllegalStateException("cascade " + resource + " is not in the OpenCV jar on the classpath");
        }
        CascadeClassifier c = new CascadeClassifier(file.getAbsolutePath());
        if (c.empty()) {
            throw new IllegalStateException("cascade " + file + " could not be parsed");
        }
        return c;
    }
}
