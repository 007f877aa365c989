// Price book: offers by accelerator with filters, price per accelerator-hour by provider and purchase
// option, the versions with their diff against the version before, and (admins) importing a price list
// with the import job's progress.
import { api, describe, hasRole, token } from './api.js';
import { el, clear, field, select, loading, empty, errorBox, status, sortableTable, money, moneyValue } from './dom.js';
import { barChart } from './charts.js';

const OPTIONS = ['', 'ON_DEMAND', 'SPOT', 'RESERVED_1Y', 'RESERVED_3Y', 'CONVERTIBLE_1Y', 'CONVERTIBLE_3Y', 'COMMITTED_1Y', 'COMMITTED_3Y', 'NEGOTIATED'];

export function pricingPage(main) {
  const offers = el('div', { id: 'offers' });
  const chart = el('div', { class: 'chart', id: 'price-chart', role: 'img', 'aria-label': 'Price per accelerator-hour by provider and purchase option' });
  const versions = el('div', { id: 'versions' });
  const diff = el('div', { id: 'diff', 'aria-live': 'polite' });
  const f = {
    provider: el('input', { type: 'text', name: 'provider' }), region: el('input', { type: 'text', name: 'region' }),
    accelerator: el('input', { type: 'text', name: 'accelerator', placeholder: 'e.g. nvidia-l4, none' }),
    purchaseOption: select('purchaseOption', OPTIONS, ''),
    minAcceleratorCount: el('input', { type: 'number', min: 0, step: 'any', name: 'minAcceleratorCount' }),
    maxHourlyUsd: el('input', { type: 'number', min: 0, step: 'any', name: 'maxHourlyUsd' }),
    sort: select('sort', ['perAcceleratorHourUsd', 'hourlyUsd', 'perVcpuHourUsd'], 'perAcceleratorHourUsd'),
  };
  const form = el('form', { class: 'card grid', 'aria-label': 'Filter offers' },
    field('Provider', f.provider), field('Region', f.region), field('Accelerator', f.accelerator), field('Purchase option', f.purchaseOption),
    field('Accelerators at least', f.minAcceleratorCount), field('Hourly at most (USD)', f.maxHourlyUsd), field('Sort by', f.sort),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Show offers')));
  form.addEventListener('submit', e => { e.preventDefault(); loadOffers(); });

  async function loadOffers() {
    const params = new URLSearchParams({ limit: '500' });
    for (const [k, input] of Object.entries(f)) if (input.value) params.set(k, input.value);
    clear(offers, loading('Loading offers…'));
    try {
      const page = await api('/api/pricing/offers?' + params);
      clear(offers, page.items.length ? sortableTable([
        { label: 'Provider', value: o => o.provider }, { label: 'Region', value: o => o.region },
        { label: 'Instance type', value: o => o.instanceType },
        { label: 'Accelerator', value: o => o.accelerator ? `${o.acceleratorCount}× ${o.accelerator}` : 'none' },
        { label: 'vCPUs', value: o => o.vcpus, numeric: true }, { label: 'Memory GiB', value: o => o.memoryGib, numeric: true },
        { label: 'Purchase', value: o => o.purchaseOption },
        { label: 'Hourly', value: o => moneyValue(o.hourlyUsd), render: o => money(o.hourlyUsd), numeric: true },
        { label: 'Per accelerator-hour', value: o => moneyValue(o.perAcceleratorHourUsd), render: o => money(o.perAcceleratorHourUsd), numeric: true },
        { label: 'Version', value: o => o.priceBookVersion, numeric: true },
      ], page.items, { caption: `${page.items.length} of ${page.total} offers` }) : empty('No offer matches.'));
      drawChart(page.items);
    } catch (e) {
      clear(offers, errorBox(describe(e)));
    }
  }

  function drawChart(items) {
    const priced = items.filter(o => o.perAcceleratorHourUsd !== null && o.perAcceleratorHourUsd !== undefined);
    const accelerators = [...new Set(priced.map(o => o.accelerator))].slice(0, 20);
    const groups = [...new Set(priced.map(o => `${o.provider} ${o.purchaseOption}`))];
    chart.dataset.points = String(priced.length);
    if (!priced.length) {
      chart.replaceChildren(empty('No offer with accelerators to chart.'));
      return;
    }
    // the cheapest price per accelerator-hour of each provider and purchase option, per accelerator
    barChart(chart, {
      categories: accelerators, yName: 'USD per accelerator-hour',
      series: groups.map(g => ({ name: g, values: accelerators.map(a => {
        const prices = priced.filter(o => o.accelerator === a && `${o.provider} ${o.purchaseOption}` === g).map(o => moneyValue(o.perAcceleratorHourUsd));
        return prices.length ? Math.min(...prices) : null;
      }) })),
    });
  }

  async function loadVersions() {
    clear(versions, loading('Loading versions…'));
    try {
      const list = await api('/api/pricing/versions');
      clear(versions, list.length ? sortableTable([
        { label: 'Version', value: v => v.id, numeric: true }, { label: 'Provider', value: v => v.provider },
        { label: 'Source', value: v => v.sourceName }, { label: 'Offers', value: v => v.offerCount, numeric: true },
        { label: 'Imported', value: v => v.createdAt }, { label: 'By', value: v => v.importedBy },
        { label: 'Current', value: v => v.supersededAt ? 'superseded' : 'current' },
      ], list, { caption: 'Select a version to see what changed from the one before', onSelect: v => showDiff(v) }) : empty('The price book is empty: import a price list.'));
    } catch (e) {
      clear(versions, errorBox(describe(e)));
    }
  }

  async function showDiff(version) {
    clear(diff, loading(`Comparing version ${version.id}…`));
    try {
      const d = await api(`/api/pricing/versions/${version.id}/diff`);
      clear(diff, el('p', {}, `Version ${d.version} against ${d.previousVersion ?? 'nothing (the first)'}: ${d.added} added, ${d.removed} removed, `
          + `${d.priceUp} up, ${d.priceDown} down, ${d.unchanged} unchanged.`),
        d.changes.length ? sortableTable([
          { label: 'Change', value: c => c.change }, { label: 'Region', value: c => c.region },
          { label: 'Instance type', value: c => c.instanceType }, { label: 'Purchase', value: c => c.purchaseOption },
          { label: 'Before', value: c => moneyValue(c.beforeHourlyUsd), render: c => money(c.beforeHourlyUsd), numeric: true },
          { label: 'After', value: c => moneyValue(c.afterHourlyUsd), render: c => money(c.afterHourlyUsd), numeric: true },
          { label: 'Δ %', value: c => c.deltaPercent === null ? null : Number(c.deltaPercent), numeric: true },
        ], d.changes) : empty('No change.'));
    } catch (e) {
      clear(diff, errorBox(describe(e)));
    }
  }

  clear(main, el('h1', {}, 'Price book'),
    hasRole('admin') ? importForm(loadVersions) : null,
    form,
    el('section', { class: 'card' }, el('h2', {}, 'Price per accelerator-hour'), chart),
    el('section', { class: 'card' }, el('h2', {}, 'Offers'), offers),
    el('section', { class: 'card' }, el('h2', {}, 'Versions'), versions, diff));
  loadOffers();
  loadVersions();
}

function importForm(onDone) {
  const file = el('input', { type: 'file', name: 'file', required: true });
  const format = select('format', ['suite-csv', 'skypilot', 'aws-offer', 'azure-retail'], 'suite-csv');
  const provider = el('input', { type: 'text', name: 'provider', required: true });
  const mode = select('mode', ['strict', 'lenient'], 'strict');
  const progress = el('progress', { max: 100, value: 0, id: 'import-progress', 'aria-label': 'Import progress' });
  const outcome = el('div', { id: 'import-status', role: 'status', 'aria-live': 'polite' });
  const submit = el('button', { type: 'submit' }, 'Import');
  const form = el('form', { class: 'card', 'aria-label': 'Import a price list' }, el('h2', {}, 'Import a price list'),
    el('div', { class: 'grid form' }, field('File', file), field('Format', format), field('Provider', provider), field('Mode', mode)),
    el('div', { class: 'actions' }, submit), progress, outcome);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!file.files.length) { outcome.textContent = 'Choose a file.'; return; }
    submit.disabled = true;
    progress.value = 0;
    outcome.textContent = 'Uploading…';
    try {
      const params = new URLSearchParams({ format: format.value, provider: provider.value, mode: mode.value });
      const chosen = file.files[0];
      const started = await api('/api/pricing/imports?' + params, { method: 'POST', body: chosen,
        headers: { 'Content-Type': chosen.type || (format.value.endsWith('csv') || format.value === 'skypilot' ? 'text/csv' : 'application/json') } });
      outcome.textContent = `Import ${started.id} is running…`;
      const done = await follow(started.id, job => {
        progress.value = Number(job.progress ?? 0);
        outcome.textContent = `Import ${job.id}: ${job.status}, ${job.rowsRead ?? 0} rows read` + (job.etaSeconds ? `, about ${job.etaSeconds} s left` : '') + '.';
      });
      progress.value = 100;
      outcome.replaceChildren(el('p', { class: done.status === 'FAILED' ? 'error' : '' },
        `Import ${done.id} ${done.status}${done.reason ? ' (' + done.reason + ')' : ''}: ${done.offersCreated ?? 0} offers, `
        + `${done.rejectedCount ?? 0} rejected, ${done.warningCount ?? 0} warnings` + (done.priceBookVersion ? `; version ${done.priceBookVersion}.` : '.')),
        (done.rejected || []).length ? el('ul', {}, done.rejected.slice(0, 20).map(r => el('li', {}, `line ${r.line}, ${r.column}: ${r.reason}`))) : null);
      status(`Import ${done.id} ${done.status}.`, done.status === 'FAILED' ? 'error' : 'info');
      onDone();
    } catch (err) {
      outcome.textContent = describe(err);
      status(describe(err), 'error');
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

async function follow(id, onProgress) {
  for (;;) {
    const job = await api(`/api/pricing/imports/${id}`);
    onProgress(job);
    if (job.status !== 'RUNNING' && job.status !== 'QUEUED') return job;
    await new Promise(resolve => setTimeout(resolve, 400));
  }
}
