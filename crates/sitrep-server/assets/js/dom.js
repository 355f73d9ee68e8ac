// DOM building for untrusted data: text goes in as text nodes, attributes through setAttribute,
// never through HTML parsing. Nothing in the dashboard assigns markup from data.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function setProps(el, props) {
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'dataset') for (const [dk, dv] of Object.entries(v)) { if (dv !== null && dv !== undefined) el.dataset[dk] = String(dv); }
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'href') { const safe = safeHref(v); if (safe) el.setAttribute('href', safe); }
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

/** An HTML element: h('a', {href: '#/x', class: 'y'}, 'text', child...). */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  return append(el, children);
}

/** An SVG element. */
export function s(tag, props, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setProps(el, props);
  return append(el, children);
}

/** Internal links (#/...) and http(s) URLs only: a javascript: or data: URL from data is dropped. */
export function safeHref(u) {
  if (typeof u !== 'string') return null;
  if (u.startsWith('#')) return u;
  try {
    const url = new URL(u, window.location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link out of the dashboard, opened in a new tab without referrer. */
export function external(url, label) {
  const href = safeHref(url);
  if (!href) return h('span', { class: 'muted' }, label || url || '');
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'ext' }, label || hostOf(url));
}

export function hostOf(url) {
  try { return new URL(url).host; } catch { return url || ''; }
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** A panel with a heading. */
export function panel(title, props, ...children) {
  const id = 'p-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return h('section', { class: ['panel', props && props.class], 'aria-labelledby': id, ...(props && props.attrs) },
    h('h2', { id }, title), ...children);
}

export function errorBox(err) {
  return h('div', { class: 'error', role: 'alert' }, h('strong', null, 'Could not load: '), String(err && err.message ? err.message : err));
}

export function loading(label = 'Loading…') {
  return h('div', { class: 'loading', role: 'status' }, label);
}

/** Shows a small tooltip near an element or point; text only. */
export function tooltip(show, target, lines) {
  const tip = document.getElementById('tooltip');
  if (!tip) return;
  if (!show) { tip.hidden = true; return; }
  tip.replaceChildren(...lines.map((l, i) => h('div', { class: i === 0 ? 'tt-title' : 'tt-line' }, l)));
  tip.hidden = false;
  const r = target.getBoundingClientRect();
  const tw = tip.offsetWidth, th = tip.offsetHeight;
  let x = r.left + r.width / 2 - tw / 2 + window.scrollX;
  let y = r.top - th - 8 + window.scrollY;
  if (y < window.scrollY) y = r.bottom + 8 + window.scrollY;
  x = Math.max(4, Math.min(x, window.scrollX + document.documentElement.clientWidth - tw - 4));
  tip.style.left = x + 'px';
  tip.style.top = y + 'px';
}
