// BullMQ's side of JobQueueBenchmark: the same scenarios as the Java side (perf/.../JobQueueWorkerProcess), one
// process that enqueues and works, against the Redis the harness started.
//   node bullmq-bench.mjs <redis-url> throughput <jobs> <concurrency> <workMs>
//   node bullmq-bench.mjs <redis-url> latency <perSecond> <seconds> <concurrency>
// Prints "ready", then one JSON line of results, then waits for stdin to close (so the harness can read its CPU time).
import { Queue, Worker } from 'bullmq';

const [url, mode, a, b, c] = process.argv.slice(2);
const { hostname, port } = new URL(url);
const connection = { host: hostname, port: Number(port), maxRetriesPerRequest: null };
const now = () => performance.timeOrigin + performance.now(); // ms, sub-ms resolution
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0;

console.log('ready');
const result = mode === 'throughput' ? await throughput(Number(a), Number(b), Number(c)) : await latency(Number(a), Number(b), Number(c));
console.log(JSON.stringify(result));
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));

async function throughput(jobs, concurrency, workMs) {
  const name = 'bench-' + jobs + '-' + workMs;
  await run(name + '-warmup', Math.floor(jobs / 5), concurrency, workMs);
  return run(name, jobs, concurrency, workMs);
}

async function run(name, jobs, concurrency, workMs) {
  const queue = new Queue(name, { connection });
  for (let i = 0; i < jobs; i += 1000) {
    const batch = [];
    for (let j = i; j < Math.min(jobs, i + 1000); j++) {
      batch.push({ name: 'job', data: { n: j }, opts: { removeOnComplete: 1000, removeOnFail: 10000 } });
    }
    await queue.addBulk(batch);
  }
  let completed = 0, failed = 0;
  const started = now();
  const done = new Promise((resolve) => {
    const worker = new Worker(name, async () => { if (workMs > 0) await sleep(workMs); return null; },
      { connection, concurrency });
    const check = () => { if (completed + failed === jobs) resolve(worker); };
    worker.on('completed', () => { completed++; check(); });
    worker.on('failed', () => { failed++; check(); });
  });
  const worker = await done;
  const seconds = (now() - started) / 1000;
  await worker.close();
  await queue.close();
  return { completed, errors: failed, seconds, perSecond: completed / seconds };
}

async function latency(perSecond, seconds, concurrency) {
  const name = 'latency';
  const queue = new Queue(name, { connection });
  const latencies = [];
  let failed = 0, added = 0, measured = 0;
  const warmupUntil = now() + seconds * 200; // the first fifth of the run is not measured
  const worker = new Worker(name, async () => null, { connection, concurrency });
  worker.on('completed', (job) => { if (job.data.t >= warmupUntil) latencies.push(now() - job.data.t); });
  worker.on('failed', () => { failed++; });
  await worker.waitUntilReady();
  const start = now();
  const total = perSecond * seconds;
  while (added < total) {
    const due = Math.floor(((now() - start) / 1000) * perSecond);
    while (added < Math.min(due, total)) {
      added++;
      const t = now();
      if (t >= warmupUntil) measured++;
      queue.add('job', { t }, { removeOnComplete: 1000, removeOnFail: 10000 }).catch(() => { failed++; });
    }
    await sleep(1);
  }
  const deadline = now() + 30_000;
  while (latencies.length + failed < measured && now() < deadline) await sleep(10);
  latencies.sort((x, y) => x - y);
  await worker.close();
  await queue.close();
  return { completed: latencies.length, errors: failed + Math.max(0, measured - latencies.length - failed),
    added,
    p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies[latencies.length - 1] || 0 };
}
