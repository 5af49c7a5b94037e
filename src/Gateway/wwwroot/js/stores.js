// Stores near a place: on a map and in a list, each with its chain and when its prices were last updated.
import { getJson, el, dateTime, km, say } from './api.js';
import { picker, near } from './place.js';
import { showStores } from './map.js';
import './nav.js';

const $ = id => document.getElementById(id);
let place = null;

async function show() {
  if (!place) return;
  say($('stores-status'), 'טוען…');
  try {
    const stores = await getJson(`/api/stores?near=${near(place)}&radiusKm=${$('radius').value}`);
    $('stores').tBodies[0].replaceChildren(...stores.map(s => el('tr', {},
      el('td', {}, s.name ?? s.storeId), el('td', {}, s.chainName ?? s.chainId),
      el('td', { class: 'hide-narrow' }, [s.address, s.city].filter(Boolean).join(', ')),
      el('td', {}, dateTime(s.pricesUpdatedAt)), el('td', { class: 'num' }, km(s.distanceKm)))));
    say($('stores-status'), stores.length ? `${stores.length} חנויות` : 'אין חנויות במרחק הזה');
    await showStores($('map'), stores.filter(s => s.location?.lat != null).map(s => ({
      lat: s.location.lat, lon: s.location.lon, title: `${s.chainName ?? ''} ${s.name ?? ''}`,
      label: `${s.chainName ?? ''} ${s.name ?? ''}, ${s.address ?? ''} ${s.city ?? ''}`,
    })), place);
  } catch (error) {
    say($('stores-status'), error.message, true);
  }
}

$('radius').addEventListener('change', show);
picker($('place'), chosen => { place = chosen; show(); });
