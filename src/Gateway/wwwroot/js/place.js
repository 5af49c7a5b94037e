// Where the shopper is: their browser's position, or a locality they chose. Kept in this browser for every page.
import { getJson, el, say } from './api.js';

const storageKey = 'gogobe.place';

export function current() {
  try { return JSON.parse(localStorage.getItem(storageKey)); } catch { return null; }
}

function remember(place) {
  localStorage.setItem(storageKey, JSON.stringify(place));
  return place;
}

export const near = place => `${place.lat.toFixed(5)},${place.lon.toFixed(5)}`;

// Renders the picker into container; calls onPlace(place) now when a place is known, and whenever it changes.
export function picker(container, onPlace) {
  const input = el('input', { id: 'place-input', type: 'text', list: 'place-options', autocomplete: 'off', placeholder: 'למשל: חיפה', maxlength: 60 });
  const options = el('datalist', { id: 'place-options' });
  const status = el('p', { class: 'status', id: 'place-status', 'aria-live': 'polite' });
  const locate = el('button', { type: 'button', class: 'secondary', id: 'locate' }, 'לפי המיקום שלי');
  const form = el('form', { class: 'row', role: 'search', 'aria-label': 'בחירת מקום' },
    el('div', { class: 'grow' }, el('label', { for: 'place-input' }, 'יישוב'), el('br'), input, options),
    el('button', { type: 'submit' }, 'בחירה'), locate);
  container.replaceChildren(form, status);

  const show = place => {
    say(status, `מחירים ליד: ${place.name}`);
    onPlace(place);
  };

  let suggesting;
  input.addEventListener('input', async () => {
    const q = input.value.trim();
    if (q.length < 2) return;
    suggesting?.abort();
    suggesting = new AbortController();
    try {
      const found = await getJson(`/api/localities?q=${encodeURIComponent(q)}`, suggesting.signal);
      options.replaceChildren(...found.map(l => el('option', { value: l.name })));
    } catch { /* suggestions are optional */ }
  });

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    try {
      const [first] = await getJson(`/api/localities?q=${encodeURIComponent(q)}`);
      if (!first) return say(status, `לא נמצאו חנויות ביישוב "${q}"`, true);
      input.value = first.name;
      show(remember({ name: first.name, lat: first.lat, lon: first.lon }));
    } catch (error) {
      say(status, error.message, true);
    }
  });

  locate.addEventListener('click', () => {
    if (!navigator.geolocation) return say(status, 'הדפדפן אינו מוסר מיקום; בחרו יישוב', true);
    say(status, 'מאתרים את מיקומכם…');
    navigator.geolocation.getCurrentPosition(
      position => show(remember({ name: 'המיקום שלי', lat: position.coords.latitude, lon: position.coords.longitude })),
      () => say(status, 'לא התקבל מיקום; בחרו יישוב', true),
      { maximumAge: 300000, timeout: 10000 });
  });

  const known = current();
  if (known) {
    if (known.name !== 'המיקום שלי') input.value = known.name;
    show(known);
  } else {
    say(status, 'בחרו יישוב או שתפו מיקום כדי לראות חנויות קרובות');
  }
}
