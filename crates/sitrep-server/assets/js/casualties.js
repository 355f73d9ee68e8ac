// The casualty panel of a story: per outcome and victim group, the reconciled low/best/high, and
// each claimant's figure side by side with the documents that carried it. Claims from different
// claimants are never merged.

import { h, external } from './dom.js';
import { actorLabel, figure, num } from './format.js';

function sourceItem(src) {
  return h('li', null,
    h('a', { href: `#/documents/${src.doc}`, title: 'Open the article' }, `doc ${src.doc}`),
    src.published ? ' · ' + src.published : '',
    src.url ? [' · ', external(src.url)] : '');
}

function claimCard(c) {
  const who = c.claimant ? actorLabel(c.claimant) : 'Reporter (unattributed)';
  return h('article', {
    class: 'claim-card',
    dataset: { claimant: c.claimant ? c.claimant.text : '', claimantCode: c.claimant && c.claimant.code ? c.claimant.code : '', count: c.count ?? '' },
  },
  h('div', { class: 'claimant' }, who),
  h('div', { class: 'figure' }, figure(c)),
  h('div', { class: 'claim-text' }, '“', c.text, '”'),
  h('details', { class: 'sources', open: c.sources.length <= 3 },
    h('summary', null, `${c.sources.length} document${c.sources.length === 1 ? '' : 's'}`),
    h('ul', null, ...c.sources.map(sourceItem))));
}

/** Renders the casualty groups of a /api/stories/{id} answer. */
export function casualtyPanel(detail) {
  // Contested figures first (most claimants), then the largest.
  const groups = (detail.casualties || []).slice().sort((a, b) =>
    (b.summary.claimants - a.summary.claimants) || ((b.summary.best ?? 0) - (a.summary.best ?? 0)));
  if (!groups.length) return h('p', { class: 'muted' }, 'No casualty figures in this story.');
  return h('div', { class: 'casualties' }, ...groups.map((g) => {
    const sm = g.summary;
    const head = `${sm.outcome} · ${sm.victims}${sm.country ? ' · ' + sm.country : ''}`;
    return h('section', { class: 'cas-group', dataset: { outcome: sm.outcome, victims: sm.victims, country: sm.country || '' } },
      h('header', { class: 'cas-head' },
        h('h3', null, head),
        h('dl', { class: 'lbh' },
          h('div', null, h('dt', null, 'low'), h('dd', null, num(sm.low))),
          h('div', { class: 'best' }, h('dt', null, 'best'), h('dd', null, num(sm.best))),
          h('div', null, h('dt', null, 'high'), h('dd', null, num(sm.high)))),
        h('span', { class: 'muted' }, `${sm.claimants} claimant${sm.claimants === 1 ? '' : 's'}`)),
      h('div', { class: 'claim-row' }, ...g.claims.map(claimCard)));
  }));
}
