// The console's small building blocks: tables, pretty JSON, safe inline media. Everything a customer, a provider
// or an operator wrote reaches the page as text (h() and textContent), never as HTML.

import { h, say } from '../dom.js';

export { h, say };

/** A date and time to the second, in the operator's time zone (ISO in the tooltip). */
export function when(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export const time = (iso) => h('time', { datetime: iso ?? '', title: iso ?? '' }, when(iso));

/**
 * A table: columns are {label, cell(row) → text or node, className?}; an empty list reads `empty`.
 * `onOpen(row)` makes each row open something (its first cell becomes a button).
 */
export function table(columns, rows, { empty = 'Nothing here.', onOpen, rowData } = {}) {
  if (!rows.length) return h('p', { class: 'none' }, empty);
  const head = h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label))));
  const body = h('tbody', {}, rows.map((row) => {
    const cells = columns.map((c, i) => {
      let content = c.cell(row);
      if (i === 0 && onOpen) content = h('button', { class: 'link open', type: 'button', onclick: () => onOpen(row) }, content);
      return h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.className }, content ?? '–');
    });
    return h('tr', { dataset: rowData ? rowData(row) : {} }, cells);
  }));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' }, head, body));
}

/** A JSON value, indented, as text. */
export function prettyJson(value, label = 'JSON') {
  const pre = h('pre', { class: 'json', tabindex: '0', 'aria-label': label });
  pre.textContent = JSON.stringify(value ?? null, null, 2);
  return pre;
}

/** Matcha with its sign, e.g. "+3" or "−2". */
export function signed(n) {
  const value = Number(n) || 0;
  return value > 0 ? `+${value}` : value < 0 ? `−${Math.abs(value)}` : '0';
}

export const pill = (text, tone = '') => h('span', { class: `pill ${tone}`.trim(), dataset: { tone } }, text);

/** Where our stored assets live: this server's /assets/ and the bases the server reported for stored media. */
export class AssetOrigins {
  constructor() {
    this.bases = new Set([`${window.location.origin}/assets/`]);
  }

  /** A URL our server stored (an output or an ingested input) tells where the asset store serves from. */
  learn(url) {
    const parsed = parseUrl(url);
    if (!parsed) return;
    const path = parsed.pathname;
    this.bases.add(`${parsed.origin}${path.slice(0, path.lastIndexOf('/') + 1)}`);
  }

  /** Only an http(s) URL under one of our asset bases, with no credentials in it. */
  ours(url) {
    const parsed = parseUrl(url);
    if (!parsed || parsed.username || parsed.password) return false;
    const text = parsed.href;
    return [...this.bases].some((base) => text.startsWith(base));
  }
}

function parseUrl(url) {
  if (typeof url !== 'string' || !/^(https?:\/\/|\/assets\/)/.test(url)) return null;
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

const VIDEO = /\.(mp4|webm|mov)(\?|$)/i;
const IMAGE = /\.(png|jpe?g|webp|gif|avif)(\?|$)/i;

/** An <img> or <video> for one of our asset URLs; null for anything else (it stays text). */
export function media(url, origins, alt = '') {
  if (!origins.ours(url)) return null;
  const src = new URL(url, window.location.origin).href;
  if (VIDEO.test(src)) return h('video', { class: 'media', src, controls: true, preload: 'metadata', muted: true });
  if (IMAGE.test(src)) return h('img', { class: 'media', src, alt, loading: 'lazy' });
  return null;
}

/** Every string in a JSON value that is one of our media URLs, once each, in order. */
export function mediaIn(value, origins, found = new Set()) {
  if (typeof value === 'string') {
    if (origins.ours(value) && (VIDEO.test(value) || IMAGE.test(value))) found.add(value);
  } else if (Array.isArray(value)) {
    value.forEach((v) => mediaIn(v, origins, found));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach((v) => mediaIn(v, origins, found));
  }
  return found;
}

/** Runs an action with its button disabled; its problem (or success text) goes to the status line. */
export async function act(button, status, action) {
  button.disabled = true;
  try {
    const message = await action();
    if (message) say(status, message);
    return true;
  } catch (error) {
    say(status, error.detail || error.message || String(error), 'error');
    return false;
  } finally {
    button.disabled = false;
  }
}

/** A query string from the filled-in fields only. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && String(value).trim() !== '') search.set(key, String(value).trim());
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const clear = (el) => el.replaceChildren();
