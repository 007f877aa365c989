// Benchmarks: hardware pools, jobs with live progress, results per model version and pool, and the
// latency–throughput curves per configuration (results/curves), invalid points marked with their reason.
import { api, describe } from './api.js';
import { el, clear, field, loading, empty, errorBox, badge, sortableTable, format } from './dom.js';
import { lineChart } from './charts.js';

export function benchmarksPage(main) {
  const pools = el('div', { id: 'pools' });
  const jobs = el('div', { id: 'jobs', 'aria-live': 'polite' });
  const results = el('div', { id: 'results' });
  const chart = el('div', { class: 'chart', id: 'curves-chart', role: 'img', 'aria-label': 'Latency (p99) against throughput, one line per configuration' });
  const version = el('input', { type: 'number', min: 1, step: 1, name: 'modelVersion', required: true });
  const pool = el('input', { type: 'text', name: 'pool' });
  const form = el('form', { class: 'card grid', 'aria-label': 'Results of a model version' },
    field('Model version id', version), field('Pool (optional)', pool),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Show results')));
  form.addEventListener('submit', e => { e.preventDefault(); loadResults(); });

  let timer = null;
  async function loadJobs() {
    try {
      const page = await api('/api/benchmarks/jobs?size=50');
      clear(jobs, page.items.length ? sortableTable([
        { label: 'Job', value: j => j.id, numeric: true }, { label: 'Version', value: j => j.modelVersionId, numeric: true },
        { label: 'Pool', value: j => j.pool }, { label: 'Scenario', value: j => j.scenario },
        { label: 'Status', value: j => j.status, render: j => badge(j.status, j.status === 'SUCCEEDED' ? 'ok' : j.status === 'FAILED' ? 'bad' : '') },
        { label: 'Progress', value: j => j.progressPercent ?? 0,
          render: j => el('progress', { max: 100, value: j.progressPercent ?? (j.status === 'SUCCEEDED' ? 100 : 0), 'aria-label': `Job ${j.id} progress` }) },
        { label: 'ETA s', value: j => j.etaSeconds, numeric: true },
        { label: 'Reason', value: j => j.failureReason },
      ], page.items, { onSelect: j => { version.value = j.modelVersionId; pool.value = j.pool; loadResults(); } }) : empty('No benchmark job.'));
      // live progress while a job runs
      clearTimeout(timer);
      if (page.items.some(j => j.status === 'QUEUED' || j.status === 'RUNNING' || j.status === 'LEASED')) {
        timer = setTimeout(() => { if (document.body.contains(jobs)) loadJobs(); }, 2000);
      }
    } catch (e) {
      clear(jobs, errorBox(describe(e)));
    }
  }

  async function loadPools() {
    clear(pools, loading('Loading pools…'));
    try {
      const list = await api('/api/benchmarks/pools');
      clear(pools, list.length ? sortableTable([
        { label: 'Pool', value: p => p.pool },
        { label: 'Accelerator', value: p => p.accelerator === 'cpu' ? 'CPU' : `${p.acceleratorCount}× ${p.accelerator}` },
        { label: 'Instance types', value: p => (p.instanceTypes || []).join(', ') || 'none declared' },
        { label: 'CPU', value: p => p.cpuModel ? `${p.cpuModel} (${p.cpuCores} cores)` : '' },
        { label: 'Runner', value: p => p.runnerVersion },
        { label: 'Updated', value: p => p.updatedAt },
      ], list) : empty('No pool is registered.'));
    } catch (e) {
      clear(pools, errorBox(describe(e)));
    }
  }

  async function loadResults() {
    if (!version.value) return;
    const params = new URLSearchParams({ modelVersion: version.value });
    if (pool.value) params.set('pool', pool.value);
    clear(results, loading('Loading results…'));
    try {
      const [list, curves] = await Promise.all([api('/api/benchmarks/results?' + params), api('/api/benchmarks/results/curves?' + params)]);
      const reasons = new Map(list.map(r => [r.id, r.invalidReason]));
      clear(results, list.length ? sortableTable([
        { label: 'Result', value: r => r.id, numeric: true }, { label: 'Pool', value: r => r.pool },
        { label: 'Scenario', value: r => r.scenario }, { label: 'Batch', value: r => r.batchSize, numeric: true },
        { label: 'Concurrency', value: r => r.concurrency, numeric: true },
        { label: 'Throughput/s', value: r => r.throughputPerS, numeric: true },
        { label: 'p50 ms', value: r => r.latencyMs?.p50, numeric: true }, { label: 'p99 ms', value: r => r.latencyMs?.p99, numeric: true },
        { label: 'Provenance', value: r => r.provenance?.kind },
        { label: 'Validity', value: r => r.valid ? 'valid' : 'invalid', render: r => r.valid ? badge('valid', 'ok') : badge(`invalid: ${r.invalidReason || 'no reason given'}`, 'bad') },
      ], list, { rowClass: r => r.valid ? '' : 'invalid' }) : empty('No result for this version.'));
      const points = curves.reduce((n, s) => n + s.points.length, 0);
      chart.dataset.points = String(points);
      if (!points) {
        chart.replaceChildren(empty('No curve to draw.'));
        return;
      }
      lineChart(chart, {
        xName: 'Throughput (items/s)', yName: 'p99 latency (ms)',
        series: curves.map(s => ({
          name: `${s.pool} ${s.scenario} b${s.batchSize}${s.threads ? ' t' + s.threads : ''} ${s.provenance}`,
          points: s.points.map(p => ({ x: p.throughputPerS, y: p.p99Ms, invalid: !p.valid,
            tip: `${s.load} ${format(p.load)}: ${format(p.throughputPerS)}/s, p99 ${format(p.p99Ms)} ms` + (p.valid ? '' : ` — INVALID: ${reasons.get(p.resultId) || 'no reason given'}`) })),
        })),
      });
    } catch (e) {
      clear(results, errorBox(describe(e)));
    }
  }

  clear(main, el('h1', {}, 'Benchmarks'),
    el('section', { class: 'card' }, el('h2', {}, 'Pools'), pools),
    el('section', { class: 'card' }, el('h2', {}, 'Jobs'), jobs),
    el('h2', {}, 'Results'), form,
    el('section', { class: 'card' }, el('h2', {}, 'Latency against throughput'), chart,
      el('p', {}, 'Invalid points are red triangles; hover one for its reason.')),
    el('section', { class: 'card' }, results));
  loadPools();
  jobs.append(loading('Loading jobs…'));
  loadJobs();
}
