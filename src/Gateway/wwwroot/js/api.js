// Talks to the gateway's API (same origin) and formats what it answers.

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
  }
}

async function read(response) {
  if (response.ok) return response.json();
  let problem = {};
  try { problem = await response.json(); } catch { /* not a problem document */ }
  throw new ApiError(response.status, problem.title, problem.detail);
}

export const getJson = (url, signal) => fetch(url, { signal, headers: { Accept: 'application/json' } }).then(read);

export const postJson = (url, body, signal) =>
  fetch(url, { method: 'POST', signal, headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) }).then(read);

const money = new Intl.NumberFormat('he-IL', { style: 'currency', currency: 'ILS', minimumFractionDigits: 2 });
const when = new Intl.DateTimeFormat('he-IL', { dateStyle: 'short', timeStyle: 'short' });

export const shekels = value => (value == null ? '—' : money.format(value));
export const dateTime = value => (value ? when.format(new Date(value)) : '—');
export const km = value => (value == null ? '' : `${value.toLocaleString('he-IL', { maximumFractionDigits: 1 })} ק״מ`);
export const range = (min, max) => (min == null ? 'אין מחיר כרגע' : min === max ? shekels(min) : `${shekels(min)} – ${shekels(max)}`);

// Builds an element: el('a', { href: '/x', class: 'y' }, 'text', child). Text is never parsed as HTML.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child != null && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function say(node, text, isError = false) {
  node.textContent = text;
  node.classList.toggle('error', isError);
}
