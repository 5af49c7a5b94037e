// A product: its facts, its price in each store near the shopper (list and map, promotions and club offers marked),
// the history of its price per chain, and "add to basket". The page follows the product's price changes live.
import { getJson, el, shekels, dateTime, km, range, say } from './api.js';
import { picker, near } from './place.js';
import { add } from './basket-items.js';
import { showStores } from './map.js';
import { priceHistoryChart } from './history.js';
import { showBasketCount } from './nav.js';

const key = new URLSearchParams(location.search).get('key');
const $ = id => document.getElementById(id);
const status = $('product-status');
const radius = $('radius');
let place = null;
let product = null;

function showFacts(p) {
  product = p;
  document.title = `${p.name} · Gogobe`;
  $('name').textContent = p.name;
  const rows = [
    ['ברקוד / קוד', p.key],
    ['יצרן', p.manufacturer],
    ['ארץ ייצור', p.country],
    ['כמות', p.quantity != null ? `${p.quantity} ${p.unit ?? ''}`.trim() : null],
    ['טווח מחירים', p.prices ? `${range(p.prices.min, p.prices.max)} (ממוצע ${shekels(p.prices.average)})` : 'לא נמכר כרגע'],
    ['נמכר ב', p.prices ? `${p.prices.stores} חנויות של ${p.prices.chains} רשתות` : null],
  ].filter(([, value]) => value);
  $('facts').replaceChildren(...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
  $('add-card').hidden = false;
}

function offerCell(price) {
  const cell = el('td', { class: 'num' }, shekels(price.price));
  if (price.promotion) {
    cell.append(el('br'), el('span', { class: 'badge deal', title: price.promotion.description ?? '' }, 'מבצע'), ' ',
      `${shekels(price.promotion.pricePerItem)} ליח׳`);
  }
  if (price.clubOffer) {
    cell.append(el('br'), el('span', { class: 'badge club', title: price.clubOffer.description ?? '' }, 'מועדון'), ' ',
      `${shekels(price.clubOffer.pricePerItem)} ליח׳`);
  }
  return cell;
}

async function showPrices(changed) {
  const query = place ? `near=${near(place)}&radiusKm=${radius.value}&sort=price&limit=200` : 'sort=price&limit=100';
  const answer = await getJson(`/api/products/${encodeURIComponent(key)}/prices?${query}`);
  const rows = answer.prices.map(p => {
    const row = el('tr', { 'data-store': `${p.chainId}:${p.storeId}` },
      el('td', {}, el('strong', {}, p.chainName ?? p.chainId), ' ', p.storeName ?? p.storeId),
      el('td', { class: 'hide-narrow' }, p.city ?? ''), offerCell(p), el('td', { class: 'num' }, km(p.distanceKm)));
    if (changed && changed.chainId === p.chainId && changed.storeId === p.storeId) row.classList.add('updated');
    return row;
  });
  $('prices').tBodies[0].replaceChildren(...rows);
  if (!answer.prices.length) {
    $('prices').tBodies[0].append(el('tr', {}, el('td', { colspan: 4 }, place ? 'אין חנות שמוכרת את המוצר במרחק הזה' : 'המוצר אינו נמכר כרגע')));
  }
  const points = answer.prices.filter(p => p.location?.lat != null).map(p => ({
    lat: p.location.lat, lon: p.location.lon,
    title: `${p.chainName ?? ''} ${p.storeName ?? ''}: ${shekels(p.promotion?.pricePerItem ?? p.price)}`,
    label: `${p.chainName ?? ''} ${p.storeName ?? ''}, ${p.address ?? ''} ${p.city ?? ''}: ${shekels(p.price)}`,
  }));
  await showStores($('map'), points, place);
  return answer;
}

async function reload(changed) {
  try {
    const [facts] = await Promise.all([getJson(`/api/products/${encodeURIComponent(key)}`), showPrices(changed)]);
    showFacts(facts);
  } catch (error) {
    say(status, error.message, true);
  }
}

function follow() {
  const events = new EventSource(`/api/products/${encodeURIComponent(key)}/live`);
  let timer;
  events.addEventListener('ready', () => { document.body.dataset.live = 'ready'; });
  events.addEventListener('changed', event => {
    const changed = JSON.parse(event.data);
    clearTimeout(timer);
    timer = setTimeout(async () => {
      await reload(changed);
      say($('live-status'), `המחירים עודכנו ב־${dateTime(new Date())}`);
      document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
    }, 150);
  });
}

async function start() {
  if (!key) return say(status, 'לא נבחר מוצר. חפשו מוצר בעמוד החיפוש.', true);
  $('add').addEventListener('click', () => {
    const quantity = Math.min(1000, Math.max(1, Number($('quantity').value) || 1));
    const total = add(key, product?.name, quantity);
    say($('add-status'), `בסל: ${total}`);
    showBasketCount();
  });

  try {
    showFacts(await getJson(`/api/products/${encodeURIComponent(key)}`));
  } catch (error) {
    return say(status, error.status === 404 ? 'המוצר לא נמצא' : error.message, true);
  }
  radius.addEventListener('change', () => showPrices().catch(error => say(status, error.message, true)));
  const failed = error => say(status, error.message, true);
  let shown;
  picker($('place'), chosen => {
    place = chosen;
    shown = showPrices().catch(failed);
  });
  await (shown ?? showPrices().catch(failed));
  follow();
  priceHistoryChart($('chart'), $('history-summary'), key).catch(error => say($('history-summary'), error.message, true));
}

start();
