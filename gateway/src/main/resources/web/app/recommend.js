// Recommend: the whole request of POST /api/recommendations (issue 12's contract), the ranked plans,
// the cost–quality frontier plot, rejections grouped, nearest misses, sensitivity, and saving the answer
// as a report that can be attached to a model version as its cost estimate.
import { api, describe, hasRole } from './api.js';
import { el, clear, field, select, loading, empty, errorBox, badge, status, sortableTable, format, money, moneyValue, list } from './dom.js';
import { scatterChart } from './charts.js';

let lastRequest = null;

export function recommendPage(main) {
  const results = el('div', { id: 'results', 'aria-live': 'polite' });
  const form = requestForm(request => run(request, results));
  clear(main, el('h1', {}, 'Recommend a deployment'), form, results);
  if (!hasRole('team', 'admin', 'reviewer')) {
    results.append(empty('Asking for recommendations needs the team, reviewer or admin role.'));
  }
}

function number(name, value, attrs = {}) {
  return el('input', { type: 'number', name, value: value ?? '', step: 'any', ...attrs });
}

function text(name, value, attrs = {}) {
  return el('input', { type: 'text', name, value: value ?? '', ...attrs });
}

function requestForm(onSubmit) {
  const task = text('task', 'text-embedding', { required: true });
  api('/api/catalog/tasks').then(tasks => {
    const names = (Array.isArray(tasks) ? tasks : tasks.items || []).map(t => t.name);
    if (names.length) {
      const chooser = select('task', names, names.includes('text-embedding') ? 'text-embedding' : names[0]);
      chooser.id = task.id;
      task.replaceWith(chooser);
    }
  }).catch(() => { /* the text field stays */ });

  const f = {
    metric: text('metric', 'mteb_avg'), dataset: text('dataset', ''), min: number('min', ''),
    mode: select('workload', [['online', 'Online (latency SLO)'], ['batch', 'Batch (deadline)']], 'online'),
    percentile: select('percentile', ['p50', 'p90', 'p95', 'p99'], 'p95'), maxMs: number('maxMs', 50, { min: 0 }),
    itemsPerDay: number('itemsPerDay', '', { min: 0 }), deadlineHours: number('deadlineHours', '', { min: 0 }),
    avgQps: number('avgQps', 20, { min: 0 }), peakQps: number('peakQps', 60, { min: 0 }),
    profile: select('profile', ['steady', 'autoscaled'], 'steady'),
    budget: number('budget', '', { min: 0 }),
    providers: text('providers', ''), regions: text('regions', ''), purchaseOptions: text('purchaseOptions', ''),
    accelerators: text('accelerators', ''), instanceTypes: text('instanceTypes', ''), tiers: text('tiers', ''),
    modelVersionIds: text('modelVersionIds', ''), statuses: text('statuses', 'APPROVED'),
    minReplicas: number('minReplicas', 1, { min: 1, step: 1 }), targetUtilization: number('targetUtilization', 0.7, { min: 0, max: 1 }),
    spot: select('spot', ['none', 'mixed', 'only'], 'none'), onDemandFloorPercent: number('onDemandFloorPercent', 50, { min: 0, max: 100 }),
    evidence: select('evidence', ['MEASURED_ONLY', 'WITH_PUBLISHED'], 'MEASURED_ONLY'),
    allowInterpolation: el('input', { type: 'checkbox', name: 'allowInterpolation', checked: true }),
    ranking: select('ranking', ['LOWEST_COST', 'WEIGHTED'], 'LOWEST_COST'),
    wQuality: number('wQuality', 0.5, { min: 0 }), wCost: number('wCost', 0.3, { min: 0 }), wLatency: number('wLatency', 0.2, { min: 0 }),
    asOf: el('input', { type: 'datetime-local', name: 'asOf' }), limit: number('limit', 20, { min: 1, step: 1 }),
  };
  const submit = el('button', { type: 'submit' }, 'Recommend');
  const form = el('form', { class: 'card', 'aria-label': 'Recommendation request' },
    el('fieldset', {}, el('legend', {}, 'Task and quality'),
      el('div', { class: 'grid form' }, field('Task', task), field('Quality metric', f.metric), field('Dataset (optional)', f.dataset),
        field('Minimum quality', f.min))),
    el('fieldset', {}, el('legend', {}, 'Workload'),
      el('div', { class: 'grid form' }, field('Workload', f.mode), field('Latency percentile', f.percentile), field('Latency bound (ms)', f.maxMs),
        field('Items per day (batch)', f.itemsPerDay), field('Deadline (hours, batch)', f.deadlineHours),
        field('Average QPS', f.avgQps), field('Peak QPS', f.peakQps), field('Traffic profile', f.profile),
        field('Monthly budget (USD, optional)', f.budget))),
    el('fieldset', {}, el('legend', {}, 'Constraints (comma-separated; empty means any)'),
      el('div', { class: 'grid form' }, field('Providers', f.providers), field('Regions', f.regions),
        field('Purchase options', f.purchaseOptions), field('Accelerators', f.accelerators), field('Instance types', f.instanceTypes),
        field('Tiers', f.tiers), field('Model version ids', f.modelVersionIds), field('Statuses', f.statuses, 'e.g. APPROVED, PROPOSED'),
        field('Minimum replicas', f.minReplicas), field('Target utilization (0–1]', f.targetUtilization), field('Spot', f.spot),
        field('On-demand floor (%)', f.onDemandFloorPercent))),
    el('fieldset', {}, el('legend', {}, 'Evidence and ranking'),
      el('div', { class: 'grid form' }, field('Evidence', f.evidence),
        el('label', { class: 'inline', for: 'allowInterpolation' }, f.allowInterpolation, 'Allow interpolation between measured points'),
        field('Ranking', f.ranking), field('Weight: quality', f.wQuality), field('Weight: cost', f.wCost), field('Weight: latency', f.wLatency),
        field('Prices as of (optional)', f.asOf), field('Plans to show', f.limit))),
    el('div', { class: 'actions' }, submit));
  f.allowInterpolation.id = 'allowInterpolation';
  form.addEventListener('submit', async e => {
    e.preventDefault();
    submit.disabled = true;
    try {
      await onSubmit(buildRequest(form, f));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function num(input) {
  return input.value === '' ? null : Number(input.value);
}

function buildRequest(form, f) {
  const online = f.mode.value === 'online';
  return {
    task: form.querySelector('[name=task]').value,
    quality: { metric: f.metric.value || null, dataset: f.dataset.value || null, min: num(f.min) },
    latency: online ? { percentile: f.percentile.value, maxMs: num(f.maxMs) } : null,
    batch: online ? null : { itemsPerDay: num(f.itemsPerDay), deadlineHours: num(f.deadlineHours) },
    traffic: online ? { avgQps: num(f.avgQps), peakQps: num(f.peakQps), profile: f.profile.value } : null,
    budget: f.budget.value === '' ? null : { monthlyUsd: String(f.budget.value) },
    constraints: {
      providers: list(f.providers.value), regions: list(f.regions.value), purchaseOptions: list(f.purchaseOptions.value),
      accelerators: list(f.accelerators.value), instanceTypes: list(f.instanceTypes.value), tiers: list(f.tiers.value),
      modelVersionIds: list(f.modelVersionIds.value).map(Number), statuses: list(f.statuses.value),
      minReplicas: num(f.minReplicas), targetUtilization: num(f.targetUtilization), spot: f.spot.value,
      onDemandFloorPercent: num(f.onDemandFloorPercent),
    },
    evidence: f.evidence.value,
    allowInterpolation: f.allowInterpolation.checked,
    ranking: { mode: f.ranking.value, weights: { quality: num(f.wQuality), cost: num(f.wCost), latency: num(f.wLatency) } },
    asOf: f.asOf.value ? new Date(f.asOf.value).toISOString() : null,
    limit: num(f.limit),
  };
}

async function run(request, results) {
  clear(results, loading('Computing plans…'));
  status('Asking for recommendations…');
  try {
    const answer = await api('/api/recommendations', { method: 'POST', body: request });
    lastRequest = request;
    showAnswer(answer, results);
    status(`${answer.plans.length} plan(s); ${answer.rejectedCandidates ?? answer.rejected.length} candidate(s) rejected.`);
  } catch (e) {
    clear(results, errorBox(describe(e)));
    status(describe(e), 'error');
  }
}

function planLabel(p) {
  return `${p.label || p.modelVersionId} on ${p.instanceType || p.accelerator || p.pool} (${p.provider || ''} ${p.region || ''})`;
}

function showAnswer(answer, results) {
  let selected = answer.plans[0] || null;
  const selectedText = el('p', { id: 'selected-plan' }, selected ? `Selected: #${selected.rank} ${planLabel(selected)}` : '');
  const chartBox = el('div', { class: 'chart', id: 'frontier-chart', role: 'img',
    'aria-label': 'Cost–quality frontier: monthly cost against quality, every candidate a point' });
  let table;
  const plans = answer.plans.length
    ? (table = sortableTable([
        { label: 'Rank', value: p => p.rank, numeric: true },
        { label: 'Model', value: p => `${p.family || ''} ${p.label || ''}`.trim() },
        { label: 'Quality', value: p => p.quality === null ? null : Number(p.quality), numeric: true },
        { label: 'Hardware', value: p => `${p.acceleratorCount && p.accelerator ? p.acceleratorCount + '× ' + p.accelerator : (p.pool || '')}` },
        { label: 'Offer', value: p => `${p.provider} ${p.region} ${p.instanceType}` },
        { label: 'Purchase', value: p => p.purchaseOption },
        { label: 'Config', value: p => p.config ? `b${p.config.batchSize} c${p.config.concurrency}${p.config.threads ? ' t' + p.config.threads : ''} ${p.config.executionProvider || ''}` : '' },
        { label: 'Replicas', value: p => p.replicasBilled ?? p.replicas, numeric: true },
        { label: 'QPS at SLO', value: p => p.qpsAtSlo, numeric: true },
        { label: 'Latency (ms)', value: p => p.latencyMs, numeric: true },
        { label: 'Monthly', value: p => moneyValue(p.monthlyCostUsd), render: p => money(p.monthlyCostUsd), numeric: true },
        { label: 'Per 1k', value: p => moneyValue(p.costPer1kUsd), render: p => money(p.costPer1kUsd), numeric: true },
        { label: 'Evidence', value: p => p.provenance, render: p => el('span', {}, badge(p.provenance || 'MEASURED', p.provenance === 'PUBLISHED' ? 'warn' : 'ok'),
            p.interpolated ? badge('interpolated', 'warn') : null) },
        { label: 'Score', value: p => p.score, numeric: true },
        { label: 'Why', value: p => p.why },
      ], answer.plans, { caption: 'Ranked plans (activate a column header to sort, a row to select)', onSelect: p => select(p) }))
    : empty('No plan meets every constraint: the reasons are below.');

  function select(plan) {
    selected = plan;
    selectedText.textContent = `Selected: #${plan.rank} ${planLabel(plan)}`;
    attach.disabled = !report;
  }

  let report = null;
  const saveButton = el('button', { type: 'button', id: 'save-report' }, 'Save as report');
  const reportText = el('span', { id: 'report-status', role: 'status' });
  const attach = el('button', { type: 'button', id: 'attach-report', disabled: true, class: 'secondary' }, 'Attach to the selected plan\u2019s model version');
  saveButton.addEventListener('click', async () => {
    saveButton.disabled = true;
    reportText.textContent = 'Saving…';
    try {
      report = await api('/api/recommendations/reports', { method: 'POST', body: lastRequest });
      reportText.textContent = `Saved as report ${report.id}.`;
      attach.disabled = !selected;
      status(`Report ${report.id} saved.`);
    } catch (e) {
      reportText.textContent = describe(e);
      status(describe(e), 'error');
    } finally {
      saveButton.disabled = false;
    }
  });
  attach.addEventListener('click', async () => {
    attach.disabled = true;
    try {
      await api(`/api/catalog/versions/${selected.modelVersionId}/cost-estimates`, { method: 'POST',
        body: { source: 'REPORT', reportId: report.id, planRank: selected.rank } });
      reportText.textContent = `Report ${report.id} attached to version ${selected.modelVersionId} as its cost estimate.`;
      status(reportText.textContent);
    } catch (e) {
      reportText.textContent = describe(e);
      status(describe(e), 'error');
    } finally {
      attach.disabled = false;
    }
  });

  clear(results,
    answer.stale ? errorBox(`Stale answer: computed from a snapshot ${answer.snapshotAgeSeconds} s old (a service is unreachable).`) : null,
    el('p', {}, `${answer.candidates ?? ''} candidates; price-book versions ${(answer.priceBookVersions || []).join(', ') || '–'}; catalog position ${answer.catalogSnapshot ?? '–'}`,
      answer.timings ? `; ${Object.entries(answer.timings).map(([k, v]) => `${k} ${format(v)} ms`).join(', ')}` : ''),
    el('section', { class: 'card' }, el('h2', {}, 'Cost–quality frontier'), chartBox),
    el('section', { class: 'card' }, el('h2', {}, 'Plans'), plans, selectedText,
      el('div', { class: 'actions' }, saveButton, attach, reportText)),
    el('div', { class: 'split' },
      el('section', { class: 'card' }, el('h2', {}, 'Why candidates were rejected'), rejections(answer.rejected)),
      el('section', { class: 'card' }, el('h2', {}, 'Nearest misses'), misses(answer.nearestMisses))),
    el('section', { class: 'card' }, el('h2', {}, 'Sensitivity'), sensitivity(answer.sensitivity)));

  frontierPlot(chartBox, answer, plan => {
    const index = answer.plans.indexOf(plan);
    if (table && index >= 0) {
      const rows = [...table.querySelectorAll('tbody tr')];
      const row = rows.find(r => r.firstChild.textContent === String(plan.rank));
      if (row) { row.click(); row.focus(); }
    }
  });
}

function frontierPlot(box, answer, onPick) {
  const plans = answer.plans.map(p => ({ plan: p, cost: moneyValue(p.monthlyCostUsd), quality: Number(p.quality ?? 0), latency: p.latencyMs }));
  const frontier = (answer.frontier || []).map(f => ({ point: f, cost: moneyValue(f.monthlyCostUsd), quality: Number(f.quality ?? 0), latency: f.latencyMs }));
  const rejected = rejectedPoints(answer);
  const front = frontier.filter(f => f.point.costQualityFront !== false).sort((a, b) => a.cost - b.cost);
  const maxLatency = Math.max(1, ...plans.concat(frontier, rejected).map(p => p.latency || 0));
  const size = latency => 8 + 22 * ((latency || 0) / maxLatency);
  box.dataset.points = String(plans.length + frontier.length + rejected.length);
  box.dataset.rejectedPoints = String(rejected.length);
  scatterChart(box, {
    xName: 'Monthly cost (USD)', yName: 'Quality',
    series: [
      { name: 'Feasible plans', color: '#1f5fbf', points: plans.map(p => ({ x: p.cost, y: p.quality, size: size(p.latency), item: p.plan,
          tip: `#${p.plan.rank} ${planLabel(p.plan)}<br>${money(p.plan.monthlyCostUsd)}/month · quality ${format(p.quality)} · ${format(p.latency)} ms` })) },
      { name: 'Frontier candidates', color: '#1b7f3b', points: frontier.map(f => ({ x: f.cost, y: f.quality, size: size(f.latency), item: f.point,
          tip: `${f.point.label} on ${f.point.instanceType} (${f.point.provider} ${f.point.region})<br>${money(f.point.monthlyCostUsd)}/month · quality ${format(f.quality)} · ${format(f.latency)} ms` })) },
      { name: 'Rejected', color: '#b3261e', symbol: 'triangle', points: rejected.map(r => ({ x: r.cost, y: r.quality, size: size(r.latency), item: r.candidate,
          tip: `${r.candidate.label} on ${r.candidate.instanceType} (${r.candidate.provider} ${r.candidate.region}): rejected, ${r.reason}`
            + `${r.count > 1 ? ` (${r.count} candidates, the closest shown)` : ''}<br>${money(r.candidate.monthlyCostUsd)}/month · quality ${format(r.quality)} · ${format(r.latency)} ms` })) },
    ],
    line: { name: 'Cost–quality front', color: '#1d2430', points: front.map(f => [f.cost, f.quality]) },
    onClick: item => { if (answer.plans.includes(item)) onPick(item); },
  });
}

// Rejected candidates that were sized and priced (refused on the budget alone) carry their plan's cost,
// quality and latency: one point per group of identical reasons (its closest candidate) and per nearest
// miss not already shown. Candidates refused before pricing have no cost to plot; the table lists them.
function rejectedPoints(answer) {
  const seen = new Set();
  const points = [];
  const add = (candidate, reason, count) => {
    if (!candidate || candidate.monthlyCostUsd == null || candidate.quality == null) return;
    const key = JSON.stringify(candidate);
    if (seen.has(key)) return;
    seen.add(key);
    points.push({ candidate, reason, count, cost: moneyValue(candidate.monthlyCostUsd), quality: Number(candidate.quality),
      latency: candidate.latencyMs || 0 });
  };
  (answer.rejected || []).forEach(r => add(r.candidate, r.reason, r.count));
  (answer.nearestMisses || []).forEach(m => add(m.candidate, `${m.constraint}: ${m.actual} vs ${m.limit}`, 1));
  return points;
}

function rejections(rejected) {
  if (!rejected || !rejected.length) return empty('No candidate was rejected.');
  return sortableTable([
    { label: 'Constraint', value: r => r.constraint },
    { label: 'Reason', value: r => r.reason },
    { label: 'Candidates', value: r => r.count, numeric: true },
  ], rejected, { caption: 'Grouped by reason (first failed constraint)' });
}

function misses(nearest) {
  if (!nearest || !nearest.length) return empty('No near miss.');
  return el('ul', { class: 'plain' }, nearest.map(m => el('li', {},
    el('strong', {}, `${m.candidate?.label ?? ''} ${m.candidate?.instanceType ?? m.candidate?.pool ?? ''}`), ' — ',
    `${m.constraint}: ${m.actual} vs ${m.limit}. `, m.relax ? el('em', {}, m.relax) : null)));
}

function sensitivity(cases) {
  if (!cases || !cases.length) return empty('No sensitivity cases.');
  return sortableTable([
    { label: 'Scenario', value: c => c.scenario },
    { label: 'Winner', value: c => c.winner ? `${c.winner.label} ${c.winner.instanceType} ${c.winner.provider}` : 'none' },
    { label: 'Monthly', value: c => c.winner ? moneyValue(c.winner.monthlyCostUsd) : null, render: c => c.winner ? money(c.winner.monthlyCostUsd) : '–', numeric: true },
    { label: 'Winner changes', value: c => c.winnerChanged ? 'yes' : 'no', render: c => c.winnerChanged ? badge('changes', 'warn') : badge('same', 'ok') },
    { label: 'Top 3', value: c => (c.top3 || []).map(t => `${t.label} ${t.instanceType}`).join('; ') },
  ], cases);
}
