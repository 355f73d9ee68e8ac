// The timeline: events per day, stacked by quad class, as SVG bars.

import { h, s, tooltip } from './dom.js';
import { QUADS, num } from './format.js';

function addDays(iso, n) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Fills the days between the first and last point, so that gaps show as gaps. */
function days(points) {
  const dated = points.filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.date)).sort((a, b) => a.date.localeCompare(b.date));
  if (!dated.length) return [];
  const by = new Map(dated.map((p) => [p.date, p.quad]));
  const out = [];
  const last = dated[dated.length - 1].date;
  for (let d = dated[0].date, i = 0; d <= last && i < 3700; d = addDays(d, 1), i++) {
    out.push({ date: d, quad: by.get(d) || [0, 0, 0, 0] });
  }
  return out;
}

export function renderTimeline(container, points, onSelectDay) {
  const data = days(points);
  if (!data.length) {
    container.replaceChildren(h('p', { class: 'muted' }, 'No dated events match.'));
    return;
  }
  const W = 900, H = 220, L = 40, R = 10, T = 10, B = 28;
  const max = Math.max(1, ...data.map((d) => d.quad.reduce((a, b) => a + b, 0)));
  const bw = (W - L - R) / data.length;
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const svg = s('svg', { class: 'timeline', viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': `Events per day from ${data[0].date} to ${data[data.length - 1].date}` });
  // Grid and y axis.
  const ticks = max <= 4 ? max : 4;
  for (let i = 0; i <= ticks; i++) {
    const v = Math.round((max * i) / ticks);
    svg.append(s('line', { class: 'grid', x1: L, x2: W - R, y1: y(v), y2: y(v) }),
      s('text', { class: 'axis', x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
  }
  data.forEach((d, i) => {
    const total = d.quad.reduce((a, b) => a + b, 0);
    const x = L + i * bw;
    const g = s('g', { class: 'day', dataset: { date: d.date, total } });
    let acc = 0;
    QUADS.forEach((q, k) => {
      const v = d.quad[k] || 0;
      if (!v) return;
      g.append(s('rect', {
        class: 'bar ' + q.key, x: x + bw * 0.1, width: Math.max(0.5, bw * 0.8),
        y: y(acc + v), height: y(acc) - y(acc + v), dataset: { quad: q.n, count: v },
      }));
      acc += v;
    });
    if (total > 0) {
      const lines = [d.date, ...QUADS.map((q, k) => `${q.label}: ${num(d.quad[k] || 0)}`)];
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', `${d.date}: ${total} events`);
      g.append(s('title', null, lines.join('\n')));
      g.append(s('rect', { class: 'hit', x, width: bw, y: T, height: H - T - B }));
      const show = () => tooltip(true, g, lines);
      g.addEventListener('mouseenter', show);
      g.addEventListener('focus', show);
      g.addEventListener('mouseleave', () => tooltip(false));
      g.addEventListener('blur', () => tooltip(false));
      g.addEventListener('click', () => onSelectDay && onSelectDay(d.date));
      g.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelectDay && onSelectDay(d.date); }
      });
    }
    svg.append(g);
  });
  // Date labels: first, last and a few between.
  const every = Math.max(1, Math.ceil(data.length / 8));
  data.forEach((d, i) => {
    if (i % every === 0 || i === data.length - 1) {
      svg.append(s('text', { class: 'axis', x: L + i * bw + bw / 2, y: H - 8, 'text-anchor': 'middle' }, d.date.slice(5)));
    }
  });
  const legend = h('div', { class: 'legend' }, ...QUADS.map((q) => h('span', null, h('span', { class: 'sw ' + q.key }), q.label)));
  container.replaceChildren(legend, svg);
}
