// Small DOM helpers: elements are built with h(), never from HTML strings, so user text is always text.

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

/** h('button', {class: 'x', onclick: f, 'aria-label': 'y'}, 'text', child…) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child != null && child !== false) el.append(child.nodeType ? child : String(child));
  }
  return el;
}

/** Writes a status line; 'error' makes it an alert so screen readers say it at once. */
export function say(el, text, tone = '') {
  el.textContent = text ?? '';
  el.dataset.tone = tone;
  if (tone === 'error') el.setAttribute('role', 'alert');
  else el.setAttribute('role', 'status');
}

export function formatDate(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}

export function formatDateTime(iso) {
  if (!iso) return '–';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "3 min" from seconds (at least one minute; under a minute reads in seconds). */
export function duration(seconds) {
  const s = Math.max(0, Math.round(Number(seconds) || 0));
  return s < 60 ? `${s} s` : `${Math.round(s / 60)} min`;
}

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), '
  + 'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Whether an element is in the page, rendered, and not inside an inert region. */
function usable(el) {
  return Boolean(el?.isConnected) && !el.closest('[inert]') && el.checkVisibility({ visibilityProperty: true });
}

/** The place focus goes when `lost` can no longer hold it: the nearest usable control around where it was. */
function rescueTarget(ancestors) {
  for (const place of ancestors) {
    if (!usable(place)) continue;
    if (place.matches(FOCUSABLE)) return place;
    const inside = [...place.querySelectorAll(FOCUSABLE)].find(usable);
    if (inside) return inside;
    const heading = place.matches('.view') ? place.querySelector('h1') : null;
    if (heading && usable(heading)) return heading;
  }
  return document.querySelector('.view:not([hidden]) h1');
}

/**
 * Keyboard focus never drops to the page itself (WCAG 2.4.3, 2.4.7): when the focused element is hidden, made
 * inert or removed by a re-render, focus moves to the nearest usable control around where it was, so the next
 * Tab or Shift+Tab continues from there instead of from the top of the page.
 */
export function guardFocus() {
  let ancestors = [];
  const remember = (el) => {
    ancestors = [];
    for (let p = el; p && p !== document.body; p = p.parentElement) ancestors.push(p);
  };
  const check = () => {
    const active = document.activeElement;
    if (active && active !== document.body && active !== document.documentElement) {
      if (usable(active)) return;
    } else if (!ancestors.length || !document.hasFocus()) {
      return;
    }
    if (!ancestors.length || usable(ancestors[0])) return;
    rescueTarget(ancestors.slice(1))?.focus({ preventScroll: false });
  };
  document.addEventListener('focusin', (event) => remember(event.target));
  // Blur on removal or hiding comes with no next element; check once the page has settled.
  document.addEventListener('focusout', (event) => {
    if (!event.relatedTarget) setTimeout(check, 0);
  });
  // Hiding by a class or an attribute does not always blur: check again before every key and on every change.
  document.addEventListener('keydown', check, true);
  new MutationObserver(() => queueMicrotask(check)).observe(document.body,
    { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden', 'inert', 'class'] });
}

/** Before hiding or re-rendering `region`: if it holds focus, focus goes to `target` first. */
export function focusAway(region, target) {
  if (region.contains(document.activeElement) && region !== document.activeElement) target?.focus();
}
