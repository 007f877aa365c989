// Catalog: search versions (task, tier, status, metric), a version's card (Markdown, rendered without
// HTML), its evidence and audit trail; for reviewers, the queue (IN_REVIEW) and approve/reject with a reason.
import { api, describe, hasRole } from './api.js';
import { el, clear, field, select, loading, empty, errorBox, badge, status, sortableTable, money, format } from './dom.js';

// markdown-it from its webjar (index.html does not load it: only this page needs it)
let markdown = null;
function renderer() {
  if (markdown) return Promise.resolve(markdown);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/webjars/markdown-it/14.1.0/dist/markdown-it.min.js';
    script.onload = () => resolve(markdown = window.markdownit({ html: false, linkify: true }));
    script.onerror = () => reject(new Error('the Markdown renderer did not load'));
    document.head.append(script);
  });
}

const STATUSES = ['', 'PROPOSED', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'DEPRECATED'];
const TIERS = ['', 'TIER_1', 'TIER_2', 'TIER_3'];

export function catalogPage(main) {
  const detail = el('section', { class: 'card', id: 'version-detail', 'aria-live': 'polite' }, empty('Select a version to see its card, evidence and audit trail.'));
  const results = el('div', { id: 'search-results' });
  const queue = el('div', { id: 'review-queue' });
  const q = el('input', { type: 'search', name: 'q', placeholder: 'name or label' });
  const task = el('input', { type: 'text', name: 'task' });
  const tier = select('tier', TIERS, '');
  const st = select('status', STATUSES, '');
  const metric = el('input', { type: 'text', name: 'metric', placeholder: 'e.g. mteb_avg' });
  const minValue = el('input', { type: 'number', step: 'any', name: 'minValue' });
  const form = el('form', { class: 'card grid', role: 'search', 'aria-label': 'Search versions' },
    field('Search', q), field('Task', task), field('Tier', tier), field('Status', st), field('Metric', metric), field('Metric at least', minValue),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Search')));
  form.addEventListener('submit', e => { e.preventDefault(); search(); });

  async function search() {
    const params = new URLSearchParams({ size: '50' });
    for (const [k, input] of Object.entries({ q, task, tier, status: st, metric, minValue })) {
      if (input.value) params.set(k, input.value);
    }
    clear(results, loading('Searching…'));
    try {
      const page = await api('/api/catalog/versions?' + params);
      clear(results, page.items.length ? versionsTable(page.items, v => show(v.id, detail)) : empty('No version matches.'),
        el('p', {}, `${page.total} version(s)`));
    } catch (e) {
      clear(results, errorBox(describe(e)));
    }
  }

  async function loadQueue() {
    clear(queue, loading('Loading the review queue…'));
    try {
      const page = await api('/api/catalog/versions?status=IN_REVIEW&size=100&sort=id');
      clear(queue, page.items.length ? versionsTable(page.items, v => show(v.id, detail, loadQueue)) : empty('Nothing waits for review.'));
    } catch (e) {
      clear(queue, errorBox(describe(e)));
    }
  }

  clear(main, el('h1', {}, 'Catalog'),
    hasRole('reviewer', 'admin') ? el('section', { class: 'card' }, el('h2', {}, 'Review queue'), queue) : null,
    el('h2', {}, 'Search'), form, results, detail);
  if (hasRole('reviewer', 'admin')) loadQueue();
  search();
}

function versionsTable(items, onSelect) {
  return sortableTable([
    { label: 'Id', value: v => v.id, numeric: true },
    { label: 'Family', value: v => v.familyName },
    { label: 'Label', value: v => v.label },
    { label: 'Task', value: v => v.task },
    { label: 'Status', value: v => v.status, render: v => badge(v.status, v.status === 'APPROVED' ? 'ok' : v.status === 'REJECTED' ? 'bad' : '') },
    { label: 'Tier', value: v => v.tier || v.proposedTier },
    { label: 'Metrics', value: v => (v.metrics || []).map(m => `${m.name} ${format(Number(m.value))}`).join(', ') },
  ], items, { onSelect });
}

async function show(id, detail, afterDecision) {
  clear(detail, loading(`Loading version ${id}…`));
  try {
    const [version, card, resultList, costList, audit, reviewList] = await Promise.all([
      api(`/api/catalog/versions/${id}`),
      api(`/api/catalog/versions/${id}/card`, { accept: 'text/markdown' }),
      api(`/api/benchmarks/results?modelVersion=${id}`),
      api(`/api/catalog/versions/${id}/cost-estimates`),
      api(`/api/catalog/audit?modelVersion=${id}&size=100`),
      api(`/api/catalog/versions/${id}/reviews`),
    ]);
    const results = items(resultList), costs = items(costList), reviews = items(reviewList);
    const md = await renderer();
    const cardBox = el('div', { class: 'markdown', id: 'model-card' });
    // markdown-it with html:false escapes any HTML in the card, so this is markup it made, not the author's
    cardBox.innerHTML = md.render(typeof card === 'string' ? card : JSON.stringify(card));
    clear(detail,
      el('h2', {}, `${version.familyName} ${version.label}`, ' ', badge(version.status)),
      reviewForm(version, afterDecision),
      el('div', { class: 'split' },
        el('div', {}, el('h3', {}, 'Model card'), cardBox),
        el('div', {},
          el('h3', {}, 'Benchmark evidence'), results.length ? sortableTable([
            { label: 'Result', value: r => r.id, numeric: true },
            { label: 'Pool', value: r => r.pool },
            { label: 'Scenario', value: r => r.scenario },
            { label: 'Batch', value: r => r.batchSize, numeric: true },
            { label: 'Throughput/s', value: r => r.throughputPerS, numeric: true },
            { label: 'p99 ms', value: r => r.latencyMs?.p99, numeric: true },
            { label: 'Provenance', value: r => r.provenance?.kind },
            { label: 'Valid', value: r => r.valid ? 'valid' : 'invalid',
              render: r => r.valid ? badge('valid', 'ok') : badge(`invalid: ${r.invalidReason || 'no reason given'}`, 'bad') },
          ], results, { rowClass: r => r.valid ? '' : 'invalid' }) : empty('No benchmark result.'),
          el('h3', {}, 'Cost estimates'), costs.length ? sortableTable([
            { label: 'Source', value: c => c.source },
            { label: 'Report', value: c => c.reportId },
            { label: 'Offer', value: c => `${c.instanceType || c.pool || ''} ${c.purchaseOption || ''}` },
            { label: 'Monthly', value: c => c.monthlyUsd?.usd ?? c.monthlyUsd, render: c => money(c.monthlyUsd), numeric: true },
            { label: 'Per 1k', value: c => c.costPer1kUsd?.usd ?? c.costPer1kUsd, render: c => money(c.costPer1kUsd), numeric: true },
          ], costs) : empty('No cost estimate (save a recommendation as a report and attach it).'),
          el('h3', {}, 'Quality metrics (fidelity)'), (version.metrics || []).length ? sortableTable([
            { label: 'Metric', value: m => m.name },
            { label: 'Value', value: m => Number(m.value), numeric: true },
            { label: 'Dataset', value: m => m.dataset },
            { label: 'Provenance', value: m => m.provenance?.kind },
          ], version.metrics) : empty('No metric.'),
          el('h3', {}, 'Reviews'), reviews.length ? el('ul', { class: 'plain' }, reviews.map(r =>
            el('li', {}, `${r.action}: ${r.fromStatus ?? ''} → ${r.toStatus ?? ''} by ${r.decidedBy} — ${r.reason || ''}`))) : empty('No review yet.'))),
      el('h3', {}, 'Audit trail'), (audit.items || []).length ? sortableTable([
        { label: 'When', value: a => a.at },
        { label: 'Who', value: a => a.actor },
        { label: 'What', value: a => `${a.action} ${a.entityType} ${a.entityId}` },
      ], audit.items, { caption: 'Every change to this version' }) : empty('No audit entry.'));
  } catch (e) {
    clear(detail, errorBox(describe(e)));
  }
}

/** A list answer, whether a bare array or a page ({items}). */
function items(answer) {
  return Array.isArray(answer) ? answer : (answer && answer.items) || [];
}

function reviewForm(version, afterDecision) {
  if (!hasRole('reviewer', 'admin') || version.status !== 'IN_REVIEW') return null;
  const reason = el('textarea', { name: 'reason', required: true, rows: 3 });
  const feedback = el('p', { role: 'status', id: 'review-status' });
  const approve = el('button', { type: 'button', id: 'approve' }, 'Approve');
  const reject = el('button', { type: 'button', id: 'reject', class: 'secondary' }, 'Reject');
  async function decide(action) {
    if (!reason.value.trim()) {
      feedback.textContent = 'A reason is required.';
      reason.focus();
      return;
    }
    approve.disabled = reject.disabled = true;
    feedback.textContent = `${action === 'APPROVE' ? 'Approving' : 'Rejecting'}…`;
    try {
      const decision = await api(`/api/catalog/versions/${version.id}/reviews`, { method: 'POST',
        body: { action, reason: reason.value.trim(), revision: version.revision } });
      feedback.textContent = `Decision recorded: ${decision.decision?.action ?? action}; the version is ${decision.version?.status ?? 'unchanged'}` +
        (decision.approvalsRequired ? ` (${decision.approvals}/${decision.approvalsRequired} approvals)` : '') + '.';
      status(feedback.textContent);
      if (afterDecision) afterDecision();
    } catch (e) {
      feedback.textContent = describe(e);
      status(describe(e), 'error');
    } finally {
      approve.disabled = reject.disabled = false;
    }
  }
  approve.addEventListener('click', () => decide('APPROVE'));
  reject.addEventListener('click', () => decide('REJECT'));
  return el('section', { class: 'card', 'aria-label': 'Review decision' }, el('h3', {}, 'Decision'),
    field('Reason (recorded in the audit trail)', reason), el('div', { class: 'actions' }, approve, reject), feedback);
}
