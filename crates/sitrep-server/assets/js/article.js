// The article view: the clean text with actors, places, event sentences, casualty claims and
// quotes highlighted at their char offsets, and every removed piece of boilerplate shown struck
// through with the reason it was removed.

import { get } from './api.js';
import { h, panel, errorBox, loading, external } from './dom.js';
import { REMOVED_KINDS, actorLabel, figure, quadLabel, rootLabel } from './format.js';

const LAYERS = [
  { key: 'actor', label: 'Actor' },
  { key: 'place', label: 'Place' },
  { key: 'event', label: 'Event sentence' },
  { key: 'claim', label: 'Casualty claim' },
  { key: 'quote', label: 'Quote' },
];

/** The char range of `needle` inside chars[start, end), or the whole range. */
function findWithin(chars, start, end, needle) {
  const hay = chars.slice(start, end).join('');
  const i = needle ? hay.indexOf(needle) : -1;
  if (i < 0) return [start, end];
  const before = Array.from(hay.slice(0, i)).length;
  return [start + before, start + before + Array.from(needle).length];
}

/** Every annotation of a reading: {id, layer, start, end, note}. */
function annotations(r, chars) {
  const out = [];
  const n = chars.length;
  const clip = (a, b) => [Math.max(0, Math.min(a, n)), Math.max(0, Math.min(b, n))];
  r.entities.forEach((e, i) => {
    if (e.type === 'location') return;
    const [a, b] = clip(e.start, e.end);
    out.push({ id: 'ac' + i, layer: 'actor', start: a, end: b, note: `Actor: ${e.text} · ${e.type}${e.code ? ' · ' + e.code : ''}${e.country ? ' · ' + e.country : ''}` });
  });
  r.places.forEach((p, i) => {
    const [a, b] = clip(p.start, p.end);
    out.push({ id: 'pl' + i, layer: 'place', start: a, end: b, note: `Place: ${p.name}${p.country ? ' (' + p.country + ')' : ''} ${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}` });
  });
  r.events.forEach((e, i) => {
    const [a, b] = clip(e.sentence.start, e.sentence.end);
    out.push({ id: 'ev' + i, layer: 'event', start: a, end: b, note: `Event: ${actorLabel(e.source)} → ${e.cameo} ${rootLabel(e.root)} → ${actorLabel(e.target)}` });
  });
  r.casualties.forEach((c, i) => {
    const [s0, e0] = clip(c.sentence.start, c.sentence.end);
    const [a, b] = findWithin(chars, s0, e0, c.text);
    out.push({ id: 'cl' + i, layer: 'claim', start: a, end: b, note: `Claim: ${figure(c)} ${c.outcome} ${c.victims} — according to ${actorLabel(c.according_to, 'the reporter')}` });
  });
  r.quotes.forEach((q, i) => {
    const [a, b] = clip(q.start, q.end);
    out.push({ id: 'qt' + i, layer: 'quote', start: a, end: b, note: `Quote: ${actorLabel(q.speaker, 'unknown speaker')}` });
  });
  return out.filter((x) => x.end > x.start);
}

/** The text as spans: one per stretch covered by the same annotations. */
function annotatedText(r) {
  const chars = Array.from(r.text);
  const anns = annotations(r, chars);
  const cuts = new Set([0, chars.length]);
  for (const a of anns) { cuts.add(a.start); cuts.add(a.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const body = h('div', { class: 'article-text', lang: r.language || '' });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const text = chars.slice(a, b).join('');
    const on = anns.filter((x) => x.start <= a && x.end >= b);
    if (!on.length) { body.append(document.createTextNode(text)); continue; }
    const layers = [...new Set(on.map((x) => x.layer))];
    body.append(h('span', {
      class: layers.map((l) => 'hl-' + l),
      title: on.map((x) => x.note).join('\n'),
      dataset: { ann: on.map((x) => x.id).join(' ') },
    }, text));
  }
  return body;
}

function focusAnnotation(root, id) {
  root.querySelectorAll('.focus').forEach((el) => el.classList.remove('focus'));
  const hits = root.querySelectorAll(`[data-ann~="${id}"]`);
  hits.forEach((el) => el.classList.add('focus'));
  if (hits.length) hits[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
}

function recordList(title, items, empty) {
  return panel(title, null, items.length ? h('ol', { class: 'records' }, ...items) : h('p', { class: 'muted' }, empty));
}

function removedList(removed) {
  return panel(`Removed from the page (${removed.length})`, { class: 'removed', attrs: { 'data-count': removed.length } },
    h('p', { class: 'muted small' }, 'Boilerplate taken out before analysis: struck through, with the reason.'),
    removed.length
      ? h('ol', { class: 'removed-list' }, ...removed.map((x) => h('li', { class: 'removed-item', dataset: { kind: x.kind } },
        h('div', { class: 'removed-why' },
          h('span', { class: 'kind-badge k-' + x.kind }, REMOVED_KINDS[x.kind] || x.kind),
          h('code', null, x.kind),
          x.language ? h('span', { class: 'lang', title: 'language' }, x.language) : ''),
        h('del', { class: 'removed-text', dataset: { kind: x.kind } }, x.text))))
      : h('p', { class: 'muted' }, 'Nothing was removed.'));
}

export async function articleView(main, id) {
  main.replaceChildren(loading());
  let doc;
  try {
    doc = await get(`/api/documents/${encodeURIComponent(id)}`);
  } catch (err) {
    main.replaceChildren(h('h1', null, 'Article'), errorBox(err));
    return;
  }
  const r = doc.reading;
  document.title = `${r.title || 'Article ' + doc.doc} · sitrep`;
  const text = annotatedText(r);
  const pick = (aid) => () => focusAnnotation(text, aid);
  const item = (aid, ...children) => h('li', null, h('button', { type: 'button', class: 'linklike', onclick: pick(aid) }, ...children));

  const events = r.events.map((e, i) => item('ev' + i,
    h('span', { class: 'quad q' + e.quad, title: quadLabel(e.quad) }, String(e.quad)), ' ',
    actorLabel(e.source), ' → ', h('span', { class: 'code' }, e.cameo), ' ', rootLabel(e.root), ' → ', actorLabel(e.target),
    e.date ? h('span', { class: 'muted small' }, ' · ' + e.date) : ''));
  const claims = r.casualties.map((c, i) => item('cl' + i,
    h('strong', null, figure(c)), ` ${c.outcome} ${c.victims}${c.country ? ' (' + c.country + ')' : ''}`,
    h('span', { class: 'muted' }, ' — ', actorLabel(c.according_to, 'the reporter'))));
  const quotes = r.quotes.map((q, i) => item('qt' + i,
    h('span', { class: 'speaker' }, actorLabel(q.speaker, 'unknown speaker')), ': “', q.text, '”'));

  const legend = h('ul', { class: 'hl-legend', 'aria-label': 'Highlight legend' },
    ...LAYERS.map((l) => h('li', null, h('span', { class: 'hl-' + l.key + ' sample' }, l.label))));

  const meta = h('div', { class: 'meta' },
    r.published || 'undated', r.language ? ' · ' + r.language : '',
    ` · document ${doc.doc}`,
    doc.story ? [' · ', h('a', { href: `#/stories/${doc.story}` }, `story ${doc.story}`)] : '',
    doc.duplicate_of ? [' · ', h('a', { href: `#/documents/${doc.duplicate_of}` }, `near-duplicate of ${doc.duplicate_of}`),
      doc.similarity ? ` (${Math.round(doc.similarity * 100)}%)` : ''] : '',
    r.url ? [' · ', external(r.url)] : '');

  main.replaceChildren(
    h('article', { class: 'article-layout' },
      h('div', { class: 'article-main' },
        h('h1', { class: 'headline' }, r.title || `Document ${doc.doc}`),
        meta, legend, text,
        removedList(r.removed)),
      h('aside', { class: 'article-side', 'aria-label': 'Records read from the article' },
        recordList(`Events (${events.length})`, events, 'No events.'),
        recordList(`Casualty claims (${claims.length})`, claims, 'No casualty figures.'),
        recordList(`Quotes (${quotes.length})`, quotes, 'No quotes.'),
        panel('Provenance', null, h('dl', { class: 'kv' },
          h('dt', null, 'input'), h('dd', null, doc.origin ? doc.origin.input : '—'),
          h('dt', null, 'ingested'), h('dd', null, doc.ingested_at),
          h('dt', null, 'reader'), h('dd', null, doc.reader_version),
          h('dt', null, 'sha-256'), h('dd', { class: 'hash' }, doc.content_hash))))));
}
