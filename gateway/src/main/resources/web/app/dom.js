// Small DOM helpers: elements are built with text nodes (never innerHTML with data), so nothing a
// service returns can become markup or script.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.substring(2), value);
    } else if (key === 'class') {
      node.className = value;
    } else if (key in node && typeof value !== 'string') {
      node[key] = value;
    } else {
      node.setAttribute(key, value === true ? '' : value);
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

let fieldCounter = 0;

/** A labelled form field: the label names the input (keyboard and screen-reader users). */
export function field(label, input, hint) {
  input.id = input.id || `f${++fieldCounter}`;
  return el('label', { for: input.id }, label, input, hint ? el('small', {}, hint) : null);
}

export function select(name, options, value) {
  return el('select', { name }, options.map(o => {
    const [v, text] = Array.isArray(o) ? o : [o, o];
    return el('option', { value: v, selected: v === value }, text);
  }));
}

export function loading(text = 'Loading…') {
  return el('p', { class: 'loading', role: 'status' }, text);
}

export function empty(text) {
  return el('p', { class: 'empty' }, text);
}

export function errorBox(text) {
  return el('p', { class: 'error', role: 'alert' }, text);
}

export function badge(text, kind) {
  return el('span', { class: `badge ${kind || ''}` }, text);
}

/** Announces what happened in the status bar (each action gives feedback). */
export function status(text, kind = 'info') {
  const bar = document.getElementById('status');
  bar.className = `status ${kind}`;
  bar.textContent = text;
}

/**
 * A table whose columns sort when their header is activated (a button: keyboard reachable);
 * onSelect makes rows selectable by click or Enter.
 */
export function sortableTable(columns, rows, { onSelect, caption, rowClass } = {}) {
  let sortColumn = null;
  let ascending = true;
  const tbody = el('tbody');
  const headers = columns.map(column => {
    const th = el('th', { scope: 'col', class: column.numeric ? 'num' : '' },
      el('button', { type: 'button', class: 'sort', onclick: () => sortBy(column, th) }, column.label));
    return th;
  });

  function value(row, column) {
    return column.sortValue ? column.sortValue(row) : column.value(row);
  }

  function render() {
    const sorted = [...rows];
    if (sortColumn) {
      sorted.sort((a, b) => {
        const x = value(a, sortColumn), y = value(b, sortColumn);
        const order = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
        return ascending ? order : -order;
      });
    }
    clear(tbody, sorted.map(row => {
      const tr = el('tr', { class: rowClass ? rowClass(row) : '' },
        columns.map(c => el('td', { class: c.numeric ? 'num' : '' }, c.render ? c.render(row) : format(c.value(row)))));
      if (onSelect) {
        tr.tabIndex = 0;
        tr.addEventListener('click', () => choose(tr, row));
        tr.addEventListener('keydown', e => { if (e.key === 'Enter') choose(tr, row); });
      }
      return tr;
    }));
  }

  function choose(tr, row) {
    tbody.querySelectorAll('tr.selected').forEach(r => r.classList.remove('selected'));
    tr.classList.add('selected');
    onSelect(row, tr);
  }

  function sortBy(column, th) {
    ascending = sortColumn === column ? !ascending : true;
    sortColumn = column;
    headers.forEach(h => h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    render();
  }

  render();
  const table = el('table', {}, caption ? el('caption', {}, caption) : null, el('thead', {}, el('tr', {}, headers)), tbody);
  table.selectRow = index => {
    const tr = tbody.children[index];
    if (tr) tr.click();
  };
  return el('div', { class: 'scroll' }, table);
}

export function format(v) {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return String(v);
}

export function money(v) {
  if (v === null || v === undefined) return '–';
  const n = typeof v === 'object' && v.usd !== undefined ? Number(v.usd) : Number(v);
  return Number.isFinite(n) ? '$' + n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 }) : String(v);
}

export function moneyValue(v) {
  if (v === null || v === undefined) return NaN;
  return typeof v === 'object' && v.usd !== undefined ? Number(v.usd) : Number(v);
}

export function list(text) {
  return (text || '').split(',').map(s => s.trim()).filter(Boolean);
}
