#!/usr/bin/env bash
# Regenerates datasets-etl/src/test/resources/landmarks/dlib-reference.txt: dlib's own landmarks (and HOG face
# boxes) for the reference frames (ReferenceFrames.java), computed by landmarks_ref.cpp against Debian's
# libdlib-dev. Run by hand when the reference frames change; the output (numbers only) is committed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
media="$("$repo/bin/fetch-sample-media")"
if [ ! -f /usr/include/dlib/image_processing/shape_predictor.h ]; then
  apt-get install -y -q libdlib-dev >&2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# plain -lblas/-llapack have no dev symlinks on Debian: link the runtime libraries directly
g++ -O2 -std=c++14 -o "$work/landmarks_ref" "$here/landmarks_ref.cpp" -ldlib \
  /usr/lib/x86_64-linux-gnu/libblas.so.3 /usr/lib/x86_64-linux-gnu/liblapack.so.3
(cd "$repo" && mvn -q -B -o test-compile -pl datasets-etl \
  && mvn -q -B -o dependency:build-classpath -pl datasets-etl -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp")
java -cp "$(cat "$work/cp"):$repo/datasets-etl/target/classes:$repo/datasets-etl/target/test-classes" \
  dev.self2face.etl.face.landmarks.ReferenceFrames "$work/frames"
out="$repo/datasets-etl/src/test/resources/landmarks/dlib-reference.txt"
{
  echo "# dlib $(dpkg-query -W -f='${Version}' libdlib-dev) shape_predictor_68_face_landmarks.dat on ReferenceFrames"
  echo "# name hog-left hog-top hog-right hog-bottom x0 y0 ... x67 y67"
  "$work/landmarks_ref" "$media/shape_predictor_68_face_landmarks.dat" "$work/frames/frames.list"
} > "$out"
echo "wrote $out" >&2
