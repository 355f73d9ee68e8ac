// Documents: the newest, or those matching a full-text search (#/documents?q=...).

import { get } from './api.js';
import { h, panel, errorBox, loading, external } from './dom.js';

const PAGE = 50;

export function documentItem(d) {
  return h('li', { class: 'doc-item', dataset: { doc: d.doc } },
    h('a', { href: `#/documents/${d.doc}`, class: 'doc-title' }, d.title || `Document ${d.doc}`),
    h('div', { class: 'meta' },
      d.published || 'undated', d.language ? ' · ' + d.language : '',
      ` · ${d.events} events · ${d.claims} claims`,
      d.duplicate_of ? [' · ', h('span', { class: 'tag' }, `copy of ${d.duplicate_of}`)] : '',
      d.story ? [' · ', h('a', { href: `#/stories/${d.story}` }, `story ${d.story}`)] : '',
      d.url ? [' · ', external(d.url)] : ''),
    d.snippet ? h('p', { class: 'snippet' }, d.snippet) : '');
}

export async function documentsView(main, params, navigate) {
  const q = params.get('q') || '';
  const offset = Number(params.get('offset') || 0) || 0;
  const body = h('div', null, loading());
  main.replaceChildren(h('h1', null, q ? `Search: ${q}` : 'Documents'), panel(q ? 'Matching articles' : 'Newest articles', null, body));
  try {
    const res = q ? await get('/api/search', { q, limit: PAGE, offset }) : await get('/api/documents', { limit: PAGE, offset });
    if (!res.items.length) {
      body.replaceChildren(h('p', { class: 'muted' }, q ? 'No article matches.' : 'The store is empty.'));
      return;
    }
    const pageTo = (o) => { const p = new URLSearchParams(params); if (o) p.set('offset', String(o)); else p.delete('offset'); navigate('#/documents?' + p.toString()); };
    body.replaceChildren(h('ul', { class: 'doc-list' }, ...res.items.map(documentItem)),
      h('nav', { class: 'pager', 'aria-label': 'Pages' },
        h('button', { type: 'button', class: 'btn', disabled: offset === 0, onclick: () => pageTo(Math.max(0, offset - PAGE)) }, '← Previous'),
        h('span', null, `${offset + 1}–${offset + res.page.returned}`),
        h('button', { type: 'button', class: 'btn', disabled: res.page.next_offset === null, onclick: () => pageTo(res.page.next_offset) }, 'Next →')));
  } catch (err) {
    body.replaceChildren(errorBox(err));
  }
}
