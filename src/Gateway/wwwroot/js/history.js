// The price history of the product's master product (every member, so the chains that sell it under another code too)
// as a chart, one line per chain: the chain's lowest price over its stores and members at each change.
// uPlot is loaded on first use; a text summary says the same for readers who do not see the chart.
import { getJson, shekels } from './api.js';
import { library } from './vendor.js';

const colours = ['#0b5cad', '#a4262c', '#2d7d46', '#6b2fa0', '#b35c00', '#00707a', '#5c5c5c'];

// Per chain, the lowest price among its stores after each change: { times: [s], chains: [{ chainId, values: [] }] }.
export function seriesByChain(changes, current) {
  const ordered = [...changes].sort((a, b) => Date.parse(a.changedAt) - Date.parse(b.changedAt));
  const stores = new Map();
  for (const c of ordered) {
    const id = `${c.member ?? ''}|${c.chainId}:${c.storeId}`;
    if (!stores.has(id)) stores.set(id, { chainId: c.chainId, price: c.previousPrice ?? null });
  }
  const chainIds = [...new Set([...stores.values()].map(s => s.chainId))];
  const lowest = chainId => {
    const prices = [...stores.values()].filter(s => s.chainId === chainId && s.price != null).map(s => s.price);
    return prices.length ? Math.min(...prices) : null;
  };
  const times = [];
  const values = chainIds.map(() => []);
  const sample = time => {
    times.push(time);
    chainIds.forEach((chainId, i) => values[i].push(lowest(chainId)));
  };
  if (ordered.length) sample(Date.parse(ordered[0].changedAt) / 1000 - 86400);
  for (const c of ordered) {
    stores.get(`${c.member ?? ''}|${c.chainId}:${c.storeId}`).price = c.price ?? null;
    const time = Date.parse(c.changedAt) / 1000;
    if (times.at(-1) === time) times.pop(), values.forEach(v => v.pop());
    sample(time);
  }
  for (const p of current) {
    const id = `${p.member ?? ''}|${p.chainId}:${p.storeId}`;
    if (stores.has(id)) stores.get(id).price = p.price;
  }
  if (ordered.length) sample(Math.max(Date.now() / 1000, times.at(-1) + 1));
  return { times, chains: chainIds.map((chainId, i) => ({ chainId, values: values[i] })) };
}

export async function priceHistoryChart(figure, summary, key) {
  const [history, current] = await Promise.all([
    getJson(`/api/products/${encodeURIComponent(key)}/history?members=true`),
    getJson(`/api/products/${encodeURIComponent(key)}/prices?limit=1000&members=true`),
  ]);
  const names = new Map(current.prices.map(p => [p.chainId, p.chainName ?? p.chainId]));
  const { times, chains } = seriesByChain(history.changes, current.prices);
  if (!times.length) {
    figure.hidden = true;
    summary.textContent = 'לא נרשמו שינויי מחיר למוצר זה.';
    return;
  }
  summary.textContent = chains.map(c => {
    const known = c.values.filter(v => v != null);
    return `${names.get(c.chainId) ?? c.chainId}: בין ${shekels(Math.min(...known))} ל־${shekels(Math.max(...known))}`;
  }).join('; ');
  const uPlot = await library('uplot-1.6.32', 'uPlot.min.css', 'uPlot.iife.min.js', 'uPlot');
  const width = Math.max(260, figure.clientWidth - 16);
  figure.replaceChildren();
  figure.setAttribute('role', 'img');
  figure.setAttribute('aria-label', `היסטוריית המחיר: ${summary.textContent}`);
  new uPlot({
    width, height: 220,
    series: [{ label: 'תאריך' }, ...chains.map((c, i) => ({ label: names.get(c.chainId) ?? c.chainId, stroke: colours[i % colours.length], width: 2, paths: uPlot.paths.stepped({ align: 1 }), value: (u, v) => shekels(v) }))],
    axes: [{}, { values: (u, ticks) => ticks.map(t => `₪${t}`) }],
  }, [times, ...chains.map(c => c.values)], figure);
}
