// The same model, threads, batch and sequence length through onnxruntime-node (native ONNX Runtime,
// thin binding): a loop of session.run over inputs created once, like the Java bare loop.
// Usage: node bench/node/ort-node.js MODEL_FILE THREADS BATCH SEQ SECONDS
const ort = require('onnxruntime-node');

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
  const end = process.hrtime.bigint() + BigInt(Math.round(Number(seconds) * 1e9));
  const start = process.hrtime.bigint();
  let runs = 0;
  while (process.hrtime.bigint() < end) { await session.run(feeds); runs++; }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`node ${ort.env.versions.common} ${(runs * b / elapsed).toFixed(2)}`);
}
main().catch(e => { console.error(e); process.exit(1); });
