// The basket: items and quantities kept in this browser, shared by link, compared in the stores near a place through
// the basket API (cheapest single store, cheapest split over 2-3 stores, missing items, savings).
import { getJson, postJson, el, shekels, km, say } from './api.js';
import { items, save, toFragment, fromFragment } from './basket-items.js';
import { picker, near } from './place.js';
import { showBasketCount } from './nav.js';

const $ = id => document.getElementById(id);
const status = $('basket-status');
let place = null;

async function adoptSharedBasket() {
  const shared = fromFragment(location.hash);
  if (!shared) return;
  const names = await Promise.all(Object.keys(shared).map(key =>
    getJson(`/api/products/${encodeURIComponent(key)}`).then(p => p.name, () => key)));
  Object.keys(shared).forEach((key, i) => { shared[key].name = names[i]; });
  save(shared);
  history.replaceState(null, '', location.pathname);
  say(status, 'נטען סל ששותף איתכם');
}

function showItems() {
  const basket = items();
  const rows = Object.entries(basket).map(([key, item]) => el('tr', {},
    el('td', {}, el('a', { href: `/product.html?key=${encodeURIComponent(key)}` }, item.name)),
    el('td', { class: 'num' }, el('input', {
      type: 'number', min: 1, max: 1000, step: 1, value: item.quantity, 'aria-label': `כמות של ${item.name}`, style: 'width:5rem',
      onchange: event => { basket[key].quantity = Math.min(1000, Math.max(1, Number(event.target.value) || 1)); save(basket); },
    })),
    el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: () => { delete basket[key]; save(basket); showItems(); } }, 'הסרה'))));
  $('items').tBodies[0].replaceChildren(...rows);
  if (!rows.length) $('items').tBodies[0].append(el('tr', {}, el('td', { colspan: 3 }, 'הסל ריק. הוסיפו מוצרים מעמוד המוצר.')));
  showBasketCount();
  return rows.length;
}

const storeName = s => `${s.chainName ?? s.chainId} ${s.storeName ?? s.storeId}`;

function missingList(keys, basket) {
  return keys.length ? el('p', { class: 'error' }, `חסרים: ${keys.map(k => basket[k]?.name ?? k).join(', ')}`) : null;
}

function showComparison(answer, basket) {
  const parts = [];
  const cheapest = answer.cheapestStore;
  if (cheapest) {
    parts.push(el('section', { class: 'card', id: 'cheapest-store', 'aria-labelledby': 'cheapest-title' },
      el('h3', { id: 'cheapest-title' }, 'החנות הזולה ביותר'),
      el('p', {}, storeName(cheapest), ' · ', cheapest.city ?? '', ' ', km(cheapest.distanceKm)),
      el('p', { class: 'total', 'data-total': cheapest.total }, shekels(cheapest.total)),
      cheapest.savings ? el('p', {}, `חיסכון לעומת החנות היקרה: ${shekels(cheapest.savings)}`) : null,
      missingList(cheapest.missing, basket)));
  }
  const split = answer.split;
  if (split && split.stores.length > 1) {
    parts.push(el('section', { class: 'card', id: 'split', 'aria-labelledby': 'split-title' },
      el('h3', { id: 'split-title' }, `פיצול ל־${split.stores.length} חנויות`),
      el('p', { class: 'total', 'data-total': split.total }, shekels(split.total)),
      split.savingsVsCheapestStore ? el('p', {}, `חיסכון לעומת החנות הזולה: ${shekels(split.savingsVsCheapestStore)}`) : null,
      el('ul', {}, split.stores.map(s => el('li', {}, `${storeName(s)}: ${shekels(s.subtotal)} (`,
        s.items.map(i => basket[i.key]?.name ?? i.key).join(', '), ')'))),
      missingList(split.missing, basket)));
  }
  if (answer.stores.length) {
    parts.push(el('h3', {}, 'כל החנויות'), el('div', { class: 'table-wrap' }, el('table', { id: 'store-totals' },
      el('caption', { class: 'visually-hidden' }, 'מחיר הסל בכל חנות'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'חנות'), el('th', { scope: 'col', class: 'num' }, 'סה״כ'),
        el('th', { scope: 'col', class: 'num' }, 'נמצאו'), el('th', { scope: 'col', class: 'num' }, 'מרחק'))),
      el('tbody', {}, answer.stores.slice(0, 30).map(s => el('tr', {},
        el('td', {}, storeName(s)), el('td', { class: 'num' }, shekels(s.total)),
        el('td', { class: 'num' }, `${s.itemsFound}/${answer.items.length}`), el('td', { class: 'num' }, km(s.distanceKm))))))));
  }
  $('comparison').replaceChildren(...parts);
  say($('compare-status'), answer.storesConsidered ? `הושוו ${answer.storesConsidered} חנויות` : 'אין חנויות במרחק הזה', !answer.storesConsidered);
}

async function compare() {
  const basket = items();
  const keys = Object.keys(basket);
  if (!keys.length) return say($('compare-status'), 'הסל ריק', true);
  if (!place) return say($('compare-status'), 'בחרו יישוב או שתפו מיקום', true);
  say($('compare-status'), 'משווים…');
  try {
    const answer = await postJson('/api/baskets/compare', {
      items: keys.map(key => ({ key, quantity: basket[key].quantity })),
      near: near(place), radiusKm: Number($('radius').value), maxStores: Number($('max-stores').value),
    });
    showComparison(answer, basket);
  } catch (error) {
    say($('compare-status'), error.message, true);
  }
}

$('share').addEventListener('click', async () => {
  const link = `${location.origin}/basket.html#${toFragment(items())}`;
  const field = $('share-link');
  field.hidden = false;
  field.value = link;
  field.select();
  try { await navigator.clipboard.writeText(link); say(status, 'הקישור הועתק'); } catch { say(status, 'העתיקו את הקישור'); }
});
$('compare').addEventListener('click', compare);

await adoptSharedBasket().catch(error => say(status, error.message, true));
showItems();
picker($('place'), chosen => { place = chosen; });
