// Building the page from data with textContent only: nothing the API returns is ever parsed as HTML.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A table with a header row; each cell is labelled with its column for the phone layout (CSS .cards). */
export function table(id, columns, rows) {
  return el('div', { class: 'table-wrap' },
    el('table', { id, class: 'cards' },
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { text: c })))),
      el('tbody', {}, rows)));
}

export function cell(label, content, attrs = {}) {
  return el('td', { 'data-label': label, ...attrs }, content ?? '-');
}

export function time(iso) {
  if (!iso) return '-';
  const d = new Date(iso);
  return el('time', { datetime: iso, title: iso, text: d.toLocaleString() });
}

export function duration(millis) {
  if (millis === undefined || millis === null || millis < 0) return '-';
  const s = Math.round(millis / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}
