// The header's basket counter, shown on every page.
import { count } from './basket-items.js';

export function showBasketCount() {
  const n = count();
  const badge = document.getElementById('basket-count');
  if (badge) badge.textContent = n ? `(${n})` : '';
}

showBasketCount();
