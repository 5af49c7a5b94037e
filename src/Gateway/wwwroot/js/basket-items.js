// The shopper's basket, kept in this browser (localStorage): product key -> { name, quantity }.
const storageKey = 'gogobe.basket';

export function items() {
  try { return JSON.parse(localStorage.getItem(storageKey)) || {}; } catch { return {}; }
}

export function save(basket) {
  localStorage.setItem(storageKey, JSON.stringify(basket));
}

export function add(key, name, quantity = 1) {
  const basket = items();
  basket[key] = { name: name || basket[key]?.name || key, quantity: (basket[key]?.quantity || 0) + quantity };
  save(basket);
  return basket[key].quantity;
}

export const count = () => Object.keys(items()).length;

// A basket as a link fragment: b=key*qty,key*qty (names are looked up again by whoever opens it).
export const toFragment = basket =>
  'b=' + Object.entries(basket).map(([key, item]) => `${encodeURIComponent(key)}*${item.quantity}`).join(',');

export function fromFragment(hash) {
  const match = /(?:^#|&)b=([^&]*)/.exec(hash);
  if (!match) return null;
  const basket = {};
  for (const part of match[1].split(',')) {
    const [key, quantity] = part.split('*');
    const q = Number(quantity);
    if (key && q > 0 && q <= 1000) basket[decodeURIComponent(key)] = { name: decodeURIComponent(key), quantity: q };
  }
  return Object.keys(basket).length ? basket : null;
}
