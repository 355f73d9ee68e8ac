// The event table: filters kept in the address (#/events?actor=AFG&quad=4), pages of 50.

import { get } from './api.js';
import { h, panel, errorBox, loading, external } from './dom.js';
import { QUADS, actorLabel, quadLabel, rootLabel, truncate } from './format.js';

const FIELDS = [
  { name: 'actor', label: 'Actor', placeholder: 'AFG, RUSGOV' },
  { name: 'cameo', label: 'CAMEO', placeholder: '19, 190' },
  { name: 'plover', label: 'PLOVER', placeholder: 'ASSAULT' },
  { name: 'country', label: 'Country', placeholder: 'AFG' },
  { name: 'since', label: 'From', type: 'date' },
  { name: 'until', label: 'To', type: 'date' },
  { name: 'text', label: 'Text', placeholder: 'words in the article' },
];
const PAGE = 50;

export function filterForm(params, onApply) {
  const inputs = {};
  const fields = FIELDS.map((f) => {
    const id = 'f-' + f.name;
    const input = h('input', { id, name: f.name, type: f.type || 'text', placeholder: f.placeholder || '', autocomplete: 'off' });
    input.value = params.get(f.name) || '';
    inputs[f.name] = input;
    return h('div', { class: 'field' }, h('label', { for: id }, f.label), input);
  });
  const quad = h('select', { id: 'f-quad', name: 'quad' }, h('option', { value: '' }, 'Any'),
    ...QUADS.map((q) => h('option', { value: String(q.n) }, `${q.n} ${q.label}`)));
  quad.value = params.get('quad') || '';
  inputs.quad = quad;
  const form = h('form', { class: 'filters', 'aria-label': 'Event filters' },
    ...fields.slice(0, 3), h('div', { class: 'field' }, h('label', { for: 'f-quad' }, 'Quad class'), quad),
    ...fields.slice(3),
    h('div', { class: 'field actions' },
      h('button', { type: 'submit', class: 'btn primary' }, 'Apply'),
      h('button', { type: 'button', class: 'btn', onclick: () => onApply(new URLSearchParams()) }, 'Clear')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, el] of Object.entries(inputs)) if (el.value.trim()) next.set(k, el.value.trim());
    onApply(next);
  });
  return form;
}

function eventRow(r) {
  const e = r.event;
  return h('tr', { dataset: { doc: r.doc, quad: e.quad } },
    h('td', { class: 'nowrap' }, e.date || r.published || '—'),
    h('td', null, actorLabel(e.source)),
    h('td', null, h('span', { class: 'code' }, e.cameo), ' ', rootLabel(e.root),
      e.plover ? h('div', { class: 'muted small' }, e.plover) : ''),
    h('td', null, actorLabel(e.target)),
    h('td', null, h('span', { class: 'quad q' + e.quad, title: quadLabel(e.quad) }, String(e.quad))),
    h('td', null, e.place ? `${e.place.name}${e.place.country ? ' (' + e.place.country + ')' : ''}` : '—'),
    h('td', { class: 'sentence' }, truncate(r.sentence_text, 220),
      h('div', { class: 'small' }, h('a', { href: `#/documents/${r.doc}` }, truncate(r.title || `document ${r.doc}`, 80)),
        r.url ? [' · ', external(r.url)] : '')));
}

export async function eventsView(main, params, navigate) {
  const offset = Number(params.get('offset') || 0) || 0;
  const apply = (p) => navigate('#/events' + (p.toString() ? '?' + p.toString() : ''));
  const body = h('div', null, loading());
  main.replaceChildren(h('h1', null, 'Events'), filterForm(params, apply), panel('Matching events', null, body));
  const q = Object.fromEntries(params.entries());
  delete q.offset;
  try {
    const res = await get('/api/events', { ...q, limit: PAGE, offset });
    if (!res.items.length) {
      body.replaceChildren(h('p', { class: 'muted' }, 'No events match these filters.'));
      return;
    }
    const table = h('table', { class: 'data events-table' },
      h('caption', { class: 'sr-only' }, 'Events'),
      h('thead', null, h('tr', null, ...['Date', 'Source', 'Event', 'Target', 'Quad', 'Place', 'Sentence and article'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, ...res.items.map(eventRow)));
    const pageTo = (o) => { const p = new URLSearchParams(params); if (o) p.set('offset', String(o)); else p.delete('offset'); apply(p); };
    const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', class: 'btn', disabled: offset === 0, onclick: () => pageTo(Math.max(0, offset - PAGE)) }, '← Previous'),
      h('span', null, `${offset + 1}–${offset + res.page.returned}`),
      h('button', { type: 'button', class: 'btn', disabled: res.page.next_offset === null, onclick: () => pageTo(res.page.next_offset) }, 'Next →'));
    body.replaceChildren(h('div', { class: 'table-wrap' }, table), pager);
  } catch (err) {
    body.replaceChildren(errorBox(err));
  }
}
