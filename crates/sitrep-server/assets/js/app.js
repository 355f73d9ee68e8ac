// The dashboard: a hash router over the views (#/ overview, #/events, #/stories/ID,
// #/documents?q=, #/documents/ID). No framework, no build step; every element is built from
// data as text (see dom.js).

import { get } from './api.js';
import { h, panel, errorBox, loading } from './dom.js';
import { num, truncate } from './format.js';
import { renderMap } from './map.js';
import { renderTimeline } from './timeline.js';
import { casualtyPanel } from './casualties.js';
import { eventsView, filterForm } from './events.js';
import { documentsView, documentItem } from './documents.js';
import { articleView } from './article.js';

const main = document.getElementById('main');
let generation = 0;

function navigate(hash) {
  if (window.location.hash === hash) route();
  else window.location.hash = hash;
}

function parseHash() {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  return { parts: path.split('/').filter(Boolean), params: new URLSearchParams(qs || '') };
}

function statsStrip(st) {
  const item = (label, value, sub) => h('div', { class: 'stat' }, h('div', { class: 'stat-value' }, value), h('div', { class: 'stat-label' }, label), sub ? h('div', { class: 'stat-sub' }, sub) : '');
  return h('div', { class: 'stats', role: 'list' },
    item('documents', num(st.documents), st.duplicates ? `${num(st.duplicates)} near-duplicates` : ''),
    item('stories', num(st.stories), st.multi_document_stories ? `${num(st.multi_document_stories)} with several documents` : ''),
    item('events', num(st.events)),
    item('casualty claims', num(st.claims), st.claims_by_claimant && st.claims_by_claimant.length ? `${st.claims_by_claimant.length} claimants` : ''),
    item('quotes', num(st.quotes)),
    item('period', st.first_published ? `${st.first_published} → ${st.last_published}` : '—'));
}

function storyItem(st, current) {
  return h('li', { class: ['story-item', current ? 'current' : ''], dataset: { story: st.story } },
    h('a', { href: `#/stories/${st.story}`, 'aria-current': current ? 'true' : null }, truncate(st.title || `Story ${st.story}`, 110)),
    h('div', { class: 'meta' },
      st.first_published || 'undated',
      st.last_published && st.last_published !== st.first_published ? ' → ' + st.last_published : '',
      ` · ${st.documents} doc${st.documents === 1 ? '' : 's'}`,
      st.outlets > 1 ? ` · ${st.outlets} outlets` : '',
      ` · ${st.events} events · ${st.claims} claims`,
      st.countries && st.countries.length ? ' · ' + st.countries.slice(0, 4).join(' ') : ''));
}

async function overview(params, gen) {
  const filters = Object.fromEntries(params.entries());
  const statsBox = h('div', null, loading());
  const mapBox = h('div', { class: 'map-box' }, loading());
  const timeBox = h('div', null, loading());
  const storyBox = h('div', null, loading());
  main.replaceChildren(
    h('h1', { class: 'sr-only' }, 'Overview'),
    statsBox,
    filterForm(params, (p) => navigate('#/' + (p.toString() ? '?' + p.toString() : ''))),
    h('div', { class: 'grid-2' },
      h('div', { class: 'col' },
        panel('Map of events and claims', { class: 'map-panel' }, mapBox),
        panel('Events per day by quad class', null, timeBox)),
      panel('Stories', { class: 'stories-panel' }, storyBox)));
  const guard = (box, p, fn) => p.then((v) => { if (gen === generation) fn(v); }).catch((e) => { if (gen === generation) box.replaceChildren(errorBox(e)); });
  guard(statsBox, get('/api/stats'), (st) => statsBox.replaceChildren(statsStrip(st)));
  guard(mapBox, get('/api/map', filters), (res) => renderMap(mapBox, res.items, (pt) => {
    const p = new URLSearchParams(params);
    p.set('near', `${pt.lat.toFixed(3)},${pt.lon.toFixed(3)},50`);
    navigate('#/events?' + p.toString());
  }).catch((e) => mapBox.replaceChildren(errorBox(e))));
  guard(timeBox, get('/api/timeline', filters), (res) => renderTimeline(timeBox, res.items, (day) => {
    const p = new URLSearchParams(params);
    p.set('since', day); p.set('until', day);
    navigate('#/events?' + p.toString());
  }));
  guard(storyBox, get('/api/stories', { ...filters, limit: 12 }), (res) => storyBox.replaceChildren(
    res.items.length ? h('ul', { class: 'story-list' }, ...res.items.map((st) => storyItem(st, false))) : h('p', { class: 'muted' }, 'No stories match.'),
    h('p', null, h('a', { href: '#/stories' }, 'All stories →'))));
}

async function storiesView(params, id, gen) {
  const offset = Number(params.get('offset') || 0) || 0;
  const listBox = h('div', null, loading());
  const detailBox = h('div', { class: 'story-detail' }, id ? loading() : h('p', { class: 'muted' }, 'Choose a story.'));
  main.replaceChildren(h('h1', null, 'Stories'),
    h('div', { class: 'grid-side' }, panel('Story clusters', null, listBox), detailBox));
  try {
    const res = await get('/api/stories', { limit: 50, offset });
    if (gen !== generation) return;
    listBox.replaceChildren(res.items.length
      ? h('ul', { class: 'story-list' }, ...res.items.map((st) => storyItem(st, String(st.story) === String(id))))
      : h('p', { class: 'muted' }, 'No stories yet.'),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', class: 'btn', disabled: offset === 0, onclick: () => navigate(`#/stories${id ? '/' + id : ''}?offset=${Math.max(0, offset - 50)}`) }, '← Previous'),
      h('button', { type: 'button', class: 'btn', disabled: res.page.next_offset === null, onclick: () => navigate(`#/stories${id ? '/' + id : ''}?offset=${res.page.next_offset}`) }, 'Next →')));
    if (!id && res.items.length) {
      const first = res.items.find((x) => x.claims > 0) || res.items[0];
      navigate(`#/stories/${first.story}`);
      return;
    }
  } catch (err) {
    listBox.replaceChildren(errorBox(err));
  }
  if (!id) return;
  try {
    const d = await get(`/api/stories/${encodeURIComponent(id)}`);
    if (gen !== generation) return;
    document.title = `${d.story.title || 'Story ' + d.story.story} · sitrep`;
    detailBox.replaceChildren(
      h('h2', { class: 'story-title' }, d.story.title || `Story ${d.story.story}`),
      h('div', { class: 'meta' }, `${d.story.documents} document${d.story.documents === 1 ? '' : 's'}`,
        d.story.duplicates ? ` (${d.story.duplicates} near-duplicate)` : '', d.story.outlets ? ` · ${d.story.outlets} outlet${d.story.outlets === 1 ? '' : 's'}` : '',
        ` · ${d.story.events} events · ${d.story.claims} claims`),
      panel('Casualty figures by claimant', { class: 'casualty-panel' }, casualtyPanel(d)),
      panel(`Documents (${d.documents.length})`, null, h('ul', { class: 'doc-list' }, ...d.documents.map(documentItem))),
      panel(`Events, each counted once (${d.events.length})`, null, h('ul', { class: 'records' }, ...d.events.map((e) => h('li', null,
        h('span', { class: 'quad q' + e.event.quad }, String(e.event.quad)), ' ',
        e.event.source ? e.event.source.text : '—', ' → ', h('span', { class: 'code' }, e.event.cameo), ' → ',
        e.event.target ? e.event.target.text : '—', ' · ', e.event.date || '',
        ' · ', h('a', { href: `#/documents/${e.doc}` }, `${e.reports} report${e.reports === 1 ? '' : 's'}`))))));
  } catch (err) {
    detailBox.replaceChildren(errorBox(err));
  }
}

async function route() {
  const gen = ++generation;
  const { parts, params } = parseHash();
  const section = parts[0] || '';
  for (const a of document.querySelectorAll('nav.views a')) {
    const target = a.getAttribute('href').replace(/^#\//, '');
    a.setAttribute('aria-current', target === section ? 'page' : 'false');
  }
  document.title = 'sitrep';
  const search = document.getElementById('q');
  if (search && section === 'documents' && params.get('q')) search.value = params.get('q');
  try {
    if (section === '') await overview(params, gen);
    else if (section === 'events') await eventsView(main, params, navigate);
    else if (section === 'stories') await storiesView(params, parts[1], gen);
    else if (section === 'documents' && parts[1]) await articleView(main, parts[1]);
    else if (section === 'documents') await documentsView(main, params, navigate);
    else main.replaceChildren(h('h1', null, 'Not found'), h('p', null, 'No such view. ', h('a', { href: '#/' }, 'Back to the overview')));
  } catch (err) {
    main.replaceChildren(errorBox(err));
  }
  if (gen === generation) {
    document.body.dataset.ready = section || 'overview';
  }
}

document.getElementById('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = document.getElementById('q').value.trim();
  navigate(q ? '#/documents?q=' + encodeURIComponent(q) : '#/documents');
});
window.addEventListener('hashchange', () => { route(); main.focus({ preventScroll: true }); });
route();
