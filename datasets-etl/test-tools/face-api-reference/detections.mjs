// face-api's own SSD-MobileNet v1 outputs for the detector's reference images, one block per image:
//   "name anchor INDEX SCORE YMIN XMIN YMAX XMAX"  the 10 best-scoring anchors (boxes as fractions, unclamped)
//   "name face SCORE TOP LEFT BOTTOM RIGHT"        locateFaces at minConfidence 0.3 (fractions of the side)
// Usage: node detections.mjs MODEL_DIR IMAGES_LIST
//   MODEL_DIR    the package's model/ folder (ssd_mobilenetv1_model-weights_manifest.json + .bin)
//   IMAGES_LIST  lines "name path" of raw 512x512x3 RGB bytes (written by DetectorInputs)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

const [modelDir, listFile] = process.argv.slice(2);
wasm.setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + '/');
await tf.setBackend('wasm');
await tf.ready();

const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, 'ssd_mobilenetv1_model-weights_manifest.json')));
const all = Buffer.concat(manifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(modelDir, p)))));
const specs = manifest.flatMap((g) => g.weights);
const weightMap = tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.length), specs);
const net = new faceapi.SsdMobilenetv1();
net.loadFromWeightMap(weightMap);

const f = (v) => v.toPrecision(7);
for (const line of fs.readFileSync(listFile, 'utf8').split('\n').filter((l) => l.trim())) {
  const [name, file] = line.trim().split(/\s+/);
  const bytes = fs.readFileSync(file);
  if (bytes.length !== 512 * 512 * 3) throw new Error(`${file}: ${bytes.length} bytes, expected 512x512x3`);
  const input = tf.tensor4d(Float32Array.from(bytes), [1, 512, 512, 3]);
  const { boxes, scores } = await net.forward(input);
  const s = Array.from(scores[0].dataSync());
  const b = boxes[0].arraySync();
  const best = s.map((v, i) => [v, i]).sort((x, y) => y[0] - x[0]).slice(0, 10);
  for (const [v, i] of best) console.log(`${name} anchor ${i} ${f(v)} ${b[i].map(f).join(' ')}`);
  boxes.forEach((t) => t.dispose());
  scores.forEach((t) => t.dispose());
  const faces = await net.locateFaces(input, { minConfidence: 0.3 });
  for (const d of faces) {
    const r = d.box;
    console.log(`${name} face ${f(d.score)} ${f(r.top / 512)} ${f(r.left / 512)} ${f(r.bottom / 512)} ${f(r.right / 512)}`);
  }
  input.dispose();
}
