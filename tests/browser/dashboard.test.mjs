// The dashboard in headless Chromium, against a running `sitrep serve` (scripts/browser-test).
//
//   SITREP_URL=http://127.0.0.1:PORT OUT_DIR=out node tests/browser/dashboard.test.mjs
//
// Checks: map points in Afghanistan and Pakistan; the casualty panel shows Kabul's and UNAMA's 76
// side by side; the article view strikes through the Turkish cookie notice; hostile text in a
// headline, an actor name and a quote shows literally and never runs. Saves screenshots. Any
// failed check exits non-zero with a message.

import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE = process.env.SITREP_URL;
const OUT = process.env.OUT_DIR || 'out';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
if (!BASE) {
  console.error('SITREP_URL is not set');
  process.exit(2);
}

let failures = 0;
let passes = 0;
function check(cond, what, detail) {
  if (cond) {
    passes++;
    console.log(`  ok   ${what}`);
  } else {
    failures++;
    console.log(`  FAIL ${what}${detail !== undefined ? ': ' + JSON.stringify(detail) : ''}`);
  }
}

async function api(path) {
  const res = await fetch(BASE + path);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const profile = mkdtempSync(join(tmpdir(), 'sitrep-chromium-'));
mkdirSync(OUT, { recursive: true });
// A fresh profile (--user-data-dir) each run, passed the way Playwright wants it.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1440, height: 1000 },
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});

try {
  const page = await browser.newPage();
  const consoleErrors = [];
  const dialogs = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  // Anything the page asks of another origin is a failure (the dashboard works offline).
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(BASE) && !r.url().startsWith('data:')) foreign.push(r.url()); });

  // --- Overview: map points ------------------------------------------------------------------
  console.log('overview');
  const main = await page.goto(BASE + '/', { waitUntil: 'load' });
  const csp = main.headers()['content-security-policy'] || '';
  check(csp.startsWith("default-src 'self'"), "the page is served with Content-Security-Policy: default-src 'self'", csp);
  await page.waitForSelector('body[data-ready="overview"]', { timeout: 20000 });
  await page.waitForSelector('svg.map .point', { timeout: 20000 });
  const points = await page.$$eval('svg.map .point', (els) => els.map((g) => ({
    country: g.dataset.country, lat: Number(g.dataset.lat), lon: Number(g.dataset.lon),
    circles: [...g.querySelectorAll('circle')].map((c) => ({ cx: Number(c.getAttribute('cx')), cy: Number(c.getAttribute('cy')), r: Number(c.getAttribute('r')), kind: c.dataset.kind })),
  })));
  const inBox = (p, [lat0, lat1, lon0, lon1]) => p.lat >= lat0 && p.lat <= lat1 && p.lon >= lon0 && p.lon <= lon1;
  const afg = points.filter((p) => p.country === 'AFG');
  const pak = points.filter((p) => p.country === 'PAK');
  check(afg.length > 0 && afg.every((p) => inBox(p, [29, 39, 60, 75.5])), 'the map has points in Afghanistan (data-country="AFG", inside its bounds)', afg);
  check(pak.length > 0 && pak.every((p) => inBox(p, [23, 37.5, 60.5, 78])), 'the map has points in Pakistan (data-country="PAK", inside its bounds)', pak);
  check(points.every((p) => p.circles.length > 0 && p.circles.every((c) => Math.abs(c.cx - p.lon) < 1e-6 && Math.abs(c.cy + p.lat) < 1e-6 && c.r > 0)),
    'every point is drawn at its coordinates (equirectangular)');
  check(points.some((p) => p.circles.some((c) => c.kind === 'claim')), 'claim points are drawn');
  const land = await page.$$eval('svg.map .land path', (els) => els.length);
  check(land > 150, 'the world outline is drawn from the vendored TopoJSON', land);
  const bars = await page.$$eval('svg.timeline .bar', (els) => els.length);
  check(bars > 0, 'the timeline has bars', bars);
  await page.screenshot({ path: join(OUT, 'dashboard.png'), fullPage: true });

  // --- Story: the casualty panel -------------------------------------------------------------
  console.log('casualty panel');
  const hits = await api('/api/search?q=Kabulov');
  const seedDoc = hits.items.find((d) => (d.title || '').includes('Russia says ready to mediate'));
  check(!!seedDoc, 'the seed article is found by full-text search', hits.items);
  const seedStory = seedDoc ? (await api(`/api/documents/${seedDoc.doc}`)).story : null;
  check(!!seedStory, 'the seed article belongs to a story', seedStory);
  if (seedStory) {
    await page.goto(`${BASE}/#/stories/${seedStory}`);
    await page.waitForSelector('.casualty-panel .claim-card', { timeout: 20000 });
    const cards = await page.$$eval('.cas-group[data-outcome="killed"][data-victims="civilians"] .claim-card', (els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { code: e.dataset.claimantCode, claimant: e.dataset.claimant, count: e.dataset.count, text: e.innerText, top: r.top, left: r.left };
    }));
    const kabul = cards.find((c) => c.code === 'AFGGOV' && c.count === '76');
    const unama = cards.find((c) => c.code === 'IGOUNO' && c.count === '76');
    check(!!kabul && kabul.text.includes('Kabul') && kabul.text.includes('76'), "the panel shows Kabul's (AFGGOV) 76 killed civilians", cards);
    check(!!unama && unama.text.includes('76'), "the panel shows UNAMA's (IGOUNO) 76", cards);
    if (kabul && unama) {
      check(Math.abs(kabul.top - unama.top) < 2 && kabul.left !== unama.left, 'the two claims stand side by side, not merged', { kabul, unama });
    }
    await page.screenshot({ path: join(OUT, 'story.png'), fullPage: false });
  }

  // --- Article: boilerplate struck through ---------------------------------------------------
  console.log('article view');
  if (seedDoc) {
    await page.goto(`${BASE}/#/documents/${seedDoc.doc}`);
    await page.waitForSelector('.article-text', { timeout: 20000 });
    const struck = await page.$$eval('del', (els) => els.map((e) => ({
      text: e.textContent,
      deco: getComputedStyle(e).textDecorationLine,
      kind: e.closest('.removed-item') ? e.closest('.removed-item').dataset.kind : null,
      badge: e.closest('.removed-item') ? e.closest('.removed-item').querySelector('.kind-badge').textContent : null,
    })));
    const cookie = struck.filter((d) => /çerez/i.test(d.text) || d.text.includes('Çerez'));
    check(cookie.length > 0, 'the Turkish cookie notice is in a <del> element', struck.map((d) => d.text.slice(0, 40)));
    check(cookie.length > 0 && cookie.every((d) => d.deco.includes('line-through')), 'and is struck through (computed text-decoration)', cookie.map((d) => d.deco));
    check(cookie.length > 0 && cookie.every((d) => d.kind === 'cookie_notice' && /cookie/i.test(d.badge)), 'with its kind shown (cookie_notice)', cookie.map((d) => d.kind));
    const layers = await page.$$eval('.article-text span', (els) => [...new Set(els.flatMap((e) => [...e.classList]))]);
    for (const l of ['hl-actor', 'hl-event', 'hl-claim', 'hl-quote', 'hl-place']) check(layers.includes(l), `the text highlights ${l.slice(3)}s`, layers);
    // Offsets are chars: the highlighted actor text is exactly the entity's text.
    const doc = await api(`/api/documents/${seedDoc.doc}`);
    const kabulov = doc.reading.entities.find((e) => e.text === 'Zamir Kabulov');
    if (kabulov) {
      const shown = await page.$$eval('.article-text span.hl-actor', (els) => els.map((e) => e.textContent));
      check(shown.includes('Zamir Kabulov'), 'actor highlights sit on the right characters', shown.slice(0, 8));
    }
    await page.screenshot({ path: join(OUT, 'article.png'), fullPage: true });
  }

  // --- Untrusted text ------------------------------------------------------------------------
  console.log('untrusted text');
  const xss = await api('/api/search?q=ceasefire');
  const hostile = xss.items.find((d) => (d.title || '').includes('<script>'));
  check(!!hostile, 'the hostile document is stored with its markup as text', xss.items.map((d) => d.title));
  if (hostile) {
    await page.goto(`${BASE}/#/documents?q=ceasefire`);
    await page.waitForSelector('.doc-item', { timeout: 20000 });
    await page.goto(`${BASE}/#/documents/${hostile.doc}`);
    await page.waitForSelector('.article-text', { timeout: 20000 });
    await page.waitForTimeout(500);
    const state = await page.evaluate(() => ({
      pwned: window.__pwned,
      headline: document.querySelector('h1.headline').textContent,
      scripts: document.querySelectorAll('main script, main img').length,
      actor: [...document.querySelectorAll('.article-text .hl-actor')].map((e) => e.textContent),
      quote: [...document.querySelectorAll('.article-text .hl-quote')].map((e) => e.textContent).join(''),
      side: document.querySelector('.article-side').textContent,
    }));
    check(state.pwned === undefined, 'no injected script or handler ran (window.__pwned is unset)', state.pwned);
    check(state.scripts === 0, 'no <script> or <img> element was created from data', state.scripts);
    check(state.headline.includes('<script>window.__pwned=1</script>'), 'the headline shows the markup literally', state.headline);
    check(state.actor.some((t) => t.includes('<img src=x onerror=window.__pwned=2>')), 'the actor name shows literally', state.actor);
    check(state.quote.includes('<script>window.__pwned=3</script>'), 'the quote shows literally', state.quote);
    check(state.side.includes('<script>window.__pwned=3</script>'), 'the quote list shows it literally too');
    // The event table and the search list render the same data.
    await page.goto(`${BASE}/#/events?text=ceasefire`);
    await page.waitForSelector('body[data-ready="events"]', { timeout: 20000 });
    await page.goto(`${BASE}/#/stories`);
    await page.waitForSelector('body[data-ready="stories"]', { timeout: 20000 });
    check(await page.evaluate(() => window.__pwned) === undefined, 'still nothing ran after the table and story views');
  }

  // --- Events table and filters --------------------------------------------------------------
  console.log('events table');
  await page.goto(`${BASE}/#/events?actor=AFG`);
  await page.waitForSelector('body[data-ready="events"]', { timeout: 20000 });
  await page.waitForSelector('.events-table tbody tr', { timeout: 20000 });
  const rows = await page.$$eval('.events-table tbody tr', (els) => els.length);
  check(rows > 0, 'the event table lists events for actor AFG', rows);
  await page.selectOption('#f-quad', '4');
  await page.click('.filters button[type="submit"]');
  await page.waitForFunction(() => window.location.hash.includes('quad=4'));
  await page.waitForSelector('body[data-ready="events"]');
  await page.waitForFunction(() => [...document.querySelectorAll('.events-table tbody tr')].every((r) => r.dataset.quad === '4') || document.querySelector('.panel .muted'), null, { timeout: 20000 });
  const quads = await page.$$eval('.events-table tbody tr', (els) => els.map((e) => e.dataset.quad));
  check(quads.every((q) => q === '4'), 'the quad filter narrows the table', quads);
  await page.goto(`${BASE}/#/events?quad=9`);
  await page.waitForSelector('.error', { timeout: 20000 });
  const err = await page.$eval('.error', (e) => e.textContent);
  check(err.includes('quad'), 'a bad filter shows the API message', err);

  check(dialogs.length === 0, 'no dialog was opened', dialogs);
  check(foreign.length === 0, 'nothing was fetched from another origin', foreign);
  check(consoleErrors.filter((e) => !e.includes('400')).length === 0, 'no script errors', consoleErrors);
} catch (e) {
  failures++;
  console.log(`  FAIL ${e.stack || e}`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
