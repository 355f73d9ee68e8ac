// The map: a world outline (Natural Earth via world-atlas, decoded here) in an equirectangular
// projection, with the places of events and casualty claims as points sized by count.

import { features, pathOf } from './topo.js';
import { h, s, tooltip } from './dom.js';
import { num } from './format.js';

let worldPromise = null;

function world() {
  if (!worldPromise) {
    worldPromise = fetch('/assets/data/countries-110m.json')
      .then((r) => {
        if (!r.ok) throw new Error('world outline: ' + r.status);
        return r.json();
      })
      .then((topo) => features(topo, 'countries'));
  }
  return worldPromise;
}

// Equirectangular: x = lon, y = -lat, in degrees; the viewBox picks the window.
const project = ([lon, lat]) => [lon, -lat];

/** The window that shows every point, padded, at least 40° wide, clipped to the world. */
function fit(points) {
  if (!points.length) return { x: -180, y: -84, w: 360, h: 150 };
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of points) {
    x0 = Math.min(x0, p.lon); x1 = Math.max(x1, p.lon);
    y0 = Math.min(y0, -p.lat); y1 = Math.max(y1, -p.lat);
  }
  let w = Math.max(40, (x1 - x0) * 1.3);
  let hh = Math.max(20, (y1 - y0) * 1.3);
  // Keep the 2.4:1 shape of the frame.
  if (w / hh > 2.4) hh = w / 2.4; else w = hh * 2.4;
  w = Math.min(w, 360); hh = Math.min(hh, 180);
  let x = (x0 + x1) / 2 - w / 2;
  let y = (y0 + y1) / 2 - hh / 2;
  x = Math.max(-180, Math.min(x, 180 - w));
  y = Math.max(-90, Math.min(y, 90 - hh));
  return { x, y, w, h: hh };
}

/**
 * Renders the map into `container`. `points` are /api/map rows. `onSelect(point)` is called
 * when a point is chosen (click or Enter).
 */
export async function renderMap(container, points, onSelect) {
  const countries = await world();
  let frame = fit(points);
  const svg = s('svg', {
    class: 'map',
    viewBox: `${frame.x} ${frame.y} ${frame.w} ${frame.h}`,
    role: 'group',
    'aria-label': `Map of ${points.length} places with events or casualty claims`,
    preserveAspectRatio: 'xMidYMid meet',
  });
  svg.append(s('rect', { class: 'ocean', x: -180, y: -90, width: 360, height: 180 }));
  const land = s('g', { class: 'land' });
  for (const c of countries) {
    land.append(s('path', { d: pathOf(c.polygons, project), dataset: { name: c.name, id: c.id } },
      s('title', null, c.name)));
  }
  svg.append(land);

  const maxEvents = Math.max(1, ...points.map((p) => p.events));
  const maxClaims = Math.max(1, ...points.map((p) => p.claims));
  const layer = s('g', { class: 'points' });
  const scale = () => frame.w / 360;
  const draw = () => {
    layer.replaceChildren();
    // Largest first so that small points stay on top and reachable.
    const sorted = points.slice().sort((a, b) => (b.events + b.claims) - (a.events + a.claims));
    for (const p of sorted) {
      const [x, y] = project([p.lon, p.lat]);
      const label = `${p.name}${p.country ? ' (' + p.country + ')' : ''}: ${num(p.events)} events, ${num(p.claims)} casualty claims` +
        (p.killed ? `, ${num(p.killed)} killed (best figures)` : '');
      const g = s('g', {
        class: 'point',
        tabindex: 0,
        role: 'button',
        'aria-label': label,
        dataset: { country: p.country || '', name: p.name, lat: p.lat, lon: p.lon, events: p.events, claims: p.claims },
      });
      if (p.events > 0) {
        g.append(s('circle', {
          class: 'pt-event', cx: x, cy: y,
          r: (2 + 8 * Math.sqrt(p.events / maxEvents)) * scale(),
          dataset: { country: p.country || '', kind: 'event', count: p.events },
        }));
      }
      if (p.claims > 0) {
        g.append(s('circle', {
          class: 'pt-claim', cx: x, cy: y,
          r: (3 + 9 * Math.sqrt(p.claims / maxClaims)) * scale(),
          dataset: { country: p.country || '', kind: 'claim', count: p.claims },
        }));
      }
      const lines = [p.name + (p.country ? ' · ' + p.country : ''), `${num(p.events)} events`, `${num(p.claims)} casualty claims`];
      if (p.killed) lines.push(`${num(p.killed)} killed (best figures)`);
      g.append(s('title', null, label));
      const show = () => tooltip(true, g, lines);
      const hide = () => tooltip(false);
      g.addEventListener('mouseenter', show);
      g.addEventListener('focus', show);
      g.addEventListener('mouseleave', hide);
      g.addEventListener('blur', hide);
      g.addEventListener('click', () => onSelect && onSelect(p));
      g.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect && onSelect(p); }
      });
      layer.append(g);
    }
  };
  draw();
  svg.append(layer);

  const setFrame = (f) => {
    frame = f;
    svg.setAttribute('viewBox', `${f.x} ${f.y} ${f.w} ${f.h}`);
    draw();
  };
  const controls = h('div', { class: 'map-controls' },
    h('button', { type: 'button', class: 'btn small', onclick: () => setFrame(fit(points)) }, 'Fit to data'),
    h('button', { type: 'button', class: 'btn small', onclick: () => setFrame({ x: -180, y: -84, w: 360, h: 150 }) }, 'World'),
    h('span', { class: 'legend' },
      h('span', { class: 'sw sw-event' }), 'events',
      h('span', { class: 'sw sw-claim' }), 'casualty claims',
      h('span', { class: 'muted' }, ' · size by count')));
  container.replaceChildren(controls, h('div', { class: 'map-frame' }, svg));
}
