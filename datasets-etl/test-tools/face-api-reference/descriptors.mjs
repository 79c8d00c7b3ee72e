// face-api's own face descriptors for the reference faces, printed one line per face: "name d0 ... d127".
// Usage: node descriptors.mjs MODEL_DIR FACES_LIST
//   MODEL_DIR  the package's model/ folder (face_recognition_model-weights_manifest.json + .bin)
//   FACES_LIST lines "name path" of raw 150x150x3 RGB bytes (images.list, written by ReferenceFaces)
// Runs with @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm (face-api's Node default wants tfjs-node).
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

const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, 'face_recognition_model-weights_manifest.json')));
const buffers = manifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(modelDir, p))));
const all = Buffer.concat(buffers);
const specs = manifest.flatMap((g) => g.weights);
const weightMap = tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.length), specs);
const net = new faceapi.FaceRecognitionNet();
net.loadFromWeightMap(weightMap);

for (const line of fs.readFileSync(listFile, 'utf8').split('\n').filter((l) => l.trim())) {
  const [name, file] = line.trim().split(/\s+/);
  const bytes = fs.readFileSync(file);
  if (bytes.length !== 150 * 150 * 3) throw new Error(`${file}: ${bytes.length} bytes, expected 150x150x3`);
  const input = tf.tensor4d(Float32Array.from(bytes), [1, 150, 150, 3]);
  const d = await net.computeFaceDescriptor(input);
  input.dispose();
  console.log(name + ' ' + Array.from(d, (v) => v.toPrecision(7)).join(' '));
}
