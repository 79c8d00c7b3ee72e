#!/usr/bin/env bash
# Regenerates the numbers the Java ports of face-api's networks are checked against, with face-api's own JavaScript
# (TensorFlow.js, WebAssembly backend) and the weights bin/fetch-sample-media caches:
#   datasets-etl/src/test/resources/identity/face-api-reference.txt   FaceRecognitionNet on ReferenceFaces
#   datasets-etl/src/test/resources/identity/face-api-detections.txt  SsdMobilenetv1 on DetectorInputs
# Run by hand when the reference inputs change; the outputs (numbers only) are committed. Needs Node.js and npm;
# installs @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm 4.22 into a temporary folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
media="$("$repo/bin/fetch-sample-media")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
( cd "$work" && npm init -y >/dev/null && npm pack -q @vladmandic/face-api@1.7.15 >/dev/null \
  && npm install -q --no-audit --no-fund @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0 \
     ./vladmandic-face-api-1.7.15.tgz >/dev/null )
(cd "$repo" && mvn -q -B -o test-compile -pl datasets-etl \
  && mvn -q -B -o dependency:build-classpath -pl datasets-etl -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp")
cp="$(cat "$work/cp"):$repo/datasets-etl/target/classes:$repo/datasets-etl/target/test-classes"
java -cp "$cp" dev.self2face.etl.identity.ReferenceFaces "$work/faces"
java -cp "$cp" dev.self2face.etl.identity.DetectorInputs "$work/images"
cp "$here/descriptors.mjs" "$here/detections.mjs" "$work/"
out="$repo/datasets-etl/src/test/resources/identity"
mkdir -p "$out"
{
  echo "# @vladmandic/face-api 1.7.15 FaceRecognitionNet (tfjs 4.22, wasm) on ReferenceFaces"
  echo "# name d0 ... d127"
  (cd "$work" && node descriptors.mjs "$media/face-api" "$work/faces/images.list")
} > "$out/face-api-reference.txt"
{
  echo "# @vladmandic/face-api 1.7.15 SsdMobilenetv1 (tfjs 4.22, wasm) on DetectorInputs"
  echo "# name anchor INDEX SCORE YMIN XMIN YMAX XMAX | name face SCORE TOP LEFT BOTTOM RIGHT"
  (cd "$work" && node detections.mjs "$media/face-api" "$work/images/images.list")
} > "$out/face-api-detections.txt"
echo "wrote $out/face-api-reference.txt and face-api-detections.txt" >&2
