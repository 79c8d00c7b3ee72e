#!/usr/bin/env bash
# Regenerates datasets-etl/src/test/resources/identity/face-api-detections.txt: face-api's own SSD-MobileNet v1
# outputs (TensorFlow.js, WebAssembly backend) for the detector's reference images (DetectorInputs.java), with the
# weights bin/fetch-sample-media caches. Run by hand when the reference images change; the output (numbers only) is
# committed. Needs Node.js and npm; installs @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm 4.22 into a
# temporary folder.
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
java -cp "$(cat "$work/cp"):$repo/datasets-etl/target/classes:$repo/datasets-etl/target/test-classes" \
  dev.self2face.etl.identity.DetectorInputs "$work/images"
cp "$here/detections.mjs" "$work/"
out="$repo/datasets-etl/src/test/resources/identity/face-api-detections.txt"
mkdir -p "$(dirname "$out")"
{
  echo "# @vladmandic/face-api 1.7.15 SsdMobilenetv1 (tfjs 4.22, wasm) on DetectorInputs"
  echo "# name anchor INDEX SCORE YMIN XMIN YMAX XMAX | name face SCORE TOP LEFT BOTTOM RIGHT"
  (cd "$work" && node detections.mjs "$media/face-api" "$work/images/images.list")
} > "$out"
echo "wrote $out" >&2
