// Search as you type: one request per change of the query (the previous one is cancelled), results painted at once,
// then the price ranges of the listed products in one more request. A line stands for a master product (the same
// product in several chains, under several codes): it says how many products it groups, and its range spans them all.
// Each paint is measured from the key press (performance measure "search").
import { getJson, el, range, say } from './api.js';
import './nav.js';

const input = document.getElementById('q');
const list = document.getElementById('results');
const status = document.getElementById('search-status');
const answers = new Map();
let pending;
let shown = '';

const letters = text => text.replace(/[^\p{L}\p{N}]+/gu, '');
const searchable = q => (/^\d+$/.test(q) ? q.length >= 3 : letters(q).length >= 2);

function paint(q, results, startedAt) {
  shown = q;
  list.replaceChildren(...results.map(hit => el('li', {},
    el('a', { href: `/product.html?key=${encodeURIComponent(hit.key)}` },
      el('span', {}, el('span', { class: 'name' }, hit.name), hit.manufacturer ? el('span', { class: 'muted' }, ` · ${hit.manufacturer}`) : null,
        hit.members > 1 ? el('span', { class: 'muted members', title: `מוצר מאוחד: ${hit.masterName ?? hit.master}` }, ` · ${hit.members} מוצרים`) : null),
      el('span', { class: 'range', 'data-key': hit.key }, '')))));
  say(status, results.length ? `${results.length} מוצרים` : `לא נמצאו מוצרים עבור "${q}"`);
  requestAnimationFrame(() => setTimeout(() => performance.measure('search', { start: startedAt, end: performance.now() }), 0));
}

async function fillRanges(results, signal) {
  if (!results.length) return;
  const keys = results.map(r => r.key).join(',');
  const ranges = await getJson(`/api/products/ranges?keys=${encodeURIComponent(keys)}&members=true`, signal);
  for (const r of ranges) {
    const cell = list.querySelector(`[data-key="${CSS.escape(r.key)}"]`);
    if (cell) cell.textContent = range(r.min, r.max);
  }
}

async function search(startedAt) {
  const q = input.value.trim();
  history.replaceState(null, '', q ? `?q=${encodeURIComponent(q)}` : '/');
  pending?.abort();
  if (!searchable(q)) {
    list.replaceChildren();
    shown = '';
    say(status, q ? 'המשיכו להקליד…' : '');
    return;
  }
  if (q === shown) return;
  pending = new AbortController();
  const signal = pending.signal;
  try {
    let results = answers.get(q);
    if (!results) {
      results = (await getJson(`/api/products/search?q=${encodeURIComponent(q)}&limit=20`, signal)).results;
      answers.set(q, results);
    }
    paint(q, results, startedAt);
    await fillRanges(results, signal);
  } catch (error) {
    if (error.name !== 'AbortError') say(status, error.message, true);
  }
}

input.addEventListener('input', event => search(event.timeStamp));
document.getElementById('search-form').addEventListener('submit', event => {
  event.preventDefault();
  list.querySelector('a')?.click();
});
const initial = new URLSearchParams(location.search).get('q');
if (initial) {
  input.value = initial;
  search(performance.now());
}
