#!/usr/bin/env bash
# Regenerates datasets-etl/src/test/resources/identity/face-api-reference.txt: face-api's own descriptors (its
# FaceRecognitionNet in TensorFlow.js, WebAssembly backend) of the reference faces (ReferenceFaces.java), with the
# weights bin/fetch-sample-media caches. Run by hand when the reference faces change; the output (numbers only) is
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
  dev.self2face.etl.identity.ReferenceFaces "$work/faces"
cp "$here/descriptors.mjs" "$work/"
out="$repo/datasets-etl/src/test/resources/identity/face-api-reference.txt"
mkdir -p "$(dirname "$out")"
{
  echo "# @vladmandic/face-api 1.7.15 FaceRecognitionNet (tfjs 4.22, wasm) on ReferenceFaces"
  echo "# name d0 ... d127"
  (cd "$work" && node descriptors.mjs "$media/face-api" "$work/faces/faces.list")
} > "$out"
echo "wrote $out" >&2
