// Labels and small formatting helpers shared by the views.

export const QUADS = [
  { n: 1, key: 'q1', label: 'Verbal cooperation' },
  { n: 2, key: 'q2', label: 'Material cooperation' },
  { n: 3, key: 'q3', label: 'Verbal conflict' },
  { n: 4, key: 'q4', label: 'Material conflict' },
];

export const CAMEO_ROOTS = {
  '01': 'Make public statement', '02': 'Appeal', '03': 'Express intent to cooperate',
  '04': 'Consult', '05': 'Engage in diplomatic cooperation', '06': 'Engage in material cooperation',
  '07': 'Provide aid', '08': 'Yield', '09': 'Investigate', '10': 'Demand', '11': 'Disapprove',
  '12': 'Reject', '13': 'Threaten', '14': 'Protest', '15': 'Exhibit force posture',
  '16': 'Reduce relations', '17': 'Coerce', '18': 'Assault', '19': 'Fight',
  '20': 'Use unconventional mass violence',
};

export const REMOVED_KINDS = {
  cookie_notice: 'Cookie or consent notice', ui_control: 'User-interface control',
  navigation: 'Navigation', advertisement: 'Advertisement', newsletter: 'Newsletter prompt',
  social: 'Social sharing', related_links: 'Related links', byline: 'Byline', caption: 'Caption',
  copyright: 'Copyright line', duplicate: 'Repeated text', other: 'Other',
};

export function quadLabel(q) {
  const d = QUADS.find((x) => x.n === q);
  return d ? d.label : 'Quad ' + q;
}

export function rootLabel(root) {
  return CAMEO_ROOTS[root] || 'CAMEO ' + root;
}

/** "Kabul (AFGGOV)", or "the reporter" for an unattributed statement. */
export function actorLabel(a, none = '—') {
  if (!a) return none;
  return a.code ? `${a.text} (${a.code})` : a.text;
}

export function num(n) {
  return n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US');
}

const QUALIFIERS = {
  exact: '', at_least: 'at least ', more_than: 'more than ', about: 'about ', up_to: 'up to ',
  fewer_than: 'fewer than ',
};

/** "at least 76", "10–12", or the words for a vague figure. */
export function figure(c) {
  if (c.count === null || c.count === undefined) return c.text;
  const q = QUALIFIERS[c.qualifier] ?? '';
  const n = c.count_max ? `${num(c.count)}–${num(c.count_max)}` : num(c.count);
  return q + n;
}

/** Slices a string by Unicode scalar (char) offsets, as the reading's offsets count. */
export function chars(text) {
  return Array.from(text);
}

export function truncate(s, n) {
  if (!s) return '';
  const a = Array.from(s);
  return a.length > n ? a.slice(0, n - 1).join('') + '…' : s;
}
