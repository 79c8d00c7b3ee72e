// Reference landmarks from dlib itself, for the Java ShapePredictor's test vectors.
// Not part of the product build: built and run by make-vectors.sh against Debian's libdlib-dev.
//
// usage: landmarks_ref shape_predictor_68_face_landmarks.dat frames.list
// frames.list: one line per frame: "<name> <path to binary PGM (P5, 8-bit grey)>"
// prints one line per frame:
//   <name> <hog-left> <hog-top> <hog-right> <hog-bottom> x0 y0 ... x67 y67
// where the box is the largest face dlib's HOG detector finds (the kind of box the predictor was trained on;
// the image is upsampled once when nothing is found at its own size) and the points are dlib's landmarks for it.
// Frames where no face is found print "<name> none".
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

using namespace dlib;

static void read_pgm(const std::string& path, array2d<unsigned char>& img) {
    std::ifstream in(path, std::ios::binary);
    std::string magic;
    long w, h, maxval;
    in >> magic >> w >> h >> maxval;
    if (magic != "P5" || maxval != 255) throw std::runtime_error("not an 8-bit P5 PGM: " + path);
    in.get();
    img.set_size(h, w);
    for (long r = 0; r < h; ++r)
        in.read(reinterpret_cast<char*>(&img[r][0]), w);
    if (!in) throw std::runtime_error("short PGM: " + path);
}

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: landmarks_ref MODEL.dat FRAMES.list\n";
        return 2;
    }
    shape_predictor sp;
    deserialize(argv[1]) >> sp;
    frontal_face_detector detector = get_frontal_face_detector();
    std::ifstream list(argv[2]);
    std::string name, path;
    while (list >> name >> path) {
        array2d<unsigned char> img;
        read_pgm(path, img);
        std::vector<rectangle> faces = detector(img);
        double scale = 1;
        if (faces.empty()) {
            array2d<unsigned char> up;
            pyramid_up(img, up, pyramid_down<2>());
            faces = detector(up);
            scale = 0.5;  // pyramid_up doubles the size
            for (auto& f : faces)
                f = rectangle((long)std::floor(f.left() * scale + 0.5), (long)std::floor(f.top() * scale + 0.5),
                              (long)std::floor(f.right() * scale + 0.5), (long)std::floor(f.bottom() * scale + 0.5));
        }
        if (faces.empty()) {
            std::cout << name << " none\n";
            continue;
        }
        rectangle best = faces[0];
        for (auto& f : faces)
            if (f.area() > best.area()) best = f;
        full_object_detection shape = sp(img, best);
        std::cout << name << ' ' << best.left() << ' ' << best.top() << ' ' << best.right() << ' ' << best.bottom();
        for (unsigned long i = 0; i < shape.num_parts(); ++i)
            std::cout << ' ' << shape.part(i).x() << ' ' << shape.part(i).y();
        std::cout << '\n';
    }
    return 0;
}
