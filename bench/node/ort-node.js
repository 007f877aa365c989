// The same model, threads, batch and sequence length through onnxruntime-node (native ONNX Runtime,
// thin binding): a loop of session.run over inputs created once, like the Java bare loop.
// Usage: node bench/node/ort-node.js MODEL_FILE THREADS BATCH SEQ SECONDS   one loop, prints "node VERSION SAMPLES/S"
//        node bench/node/ort-node.js MODEL_FILE THREADS BATCH SEQ serve     prints the version once warm, then for
//        each line of SECONDS on stdin runs one loop and prints its SAMPLES/S (bench/RunnerOverhead.java drives it)
const ort = require('onnxruntime-node');
const readline = require('readline');

async function loop(session, feeds, batch, seconds) {
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let runs = 0;
  while (process.hrtime.bigint() < end) { await session.run(feeds); runs++; }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return runs * batch / elapsed;
}

async function main() {
  const [file, threads, batch, seq, seconds] = process.argv.slice(2);
  const b = Number(batch), s = Number(seq);
  const session = await ort.InferenceSession.create(file, {
    intraOpNumThreads: Number(threads), interOpNumThreads: 1,
    graphOptimizationLevel: 'all', executionMode: 'sequential', executionProviders: ['cpu'],
  });
  const n = b * s;
  const ids = new BigInt64Array(n), mask = new BigInt64Array(n), types = new BigInt64Array(n);
  for (let i = 0; i < n; i++) { ids[i] = BigInt(1000 + Math.floor(Math.random() * 28000)); mask[i] = 1n; types[i] = 0n; }
  const feeds = {};
  for (const name of session.inputNames) {
    const data = name.includes('mask') ? mask : name.includes('type') ? types : ids;
    feeds[name] = new ort.Tensor('int64', data, [b, s]);
  }
  await session.run(feeds);
  if (seconds !== 'serve') {
    console.log(`node ${ort.env.versions.common} ${(await loop(session, feeds, b, Number(seconds))).toFixed(2)}`);
    return;
  }
  console.log(ort.env.versions.common);
  for await (const line of readline.createInterface({ input: process.stdin })) {
    console.log((await loop(session, feeds, b, Number(line))).toFixed(2));
  }
}
main().catch(e => { console.error(e); process.exit(1); });
