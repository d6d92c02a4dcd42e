// The + tiles of a form: click to choose a file, drop a file, a link or a result from the right panel, or paste.
// A tile shows the image (dimmed while it uploads); the upload's status itself is on the form's main button.

import { $, h } from './dom.js';

/** The drag type a result in the right panel carries: {id, url, mode}. */
export const RESULT_TYPE = 'application/x-mina-result';

let serial = 0;

/** Reads what was dropped or pasted: a result of ours, a file, or a link. */
export function dropped(transfer) {
  const result = transfer.getData?.(RESULT_TYPE);
  if (result) {
    try {
      return { result: JSON.parse(result) };
    } catch {
      // not ours after all
    }
  }
  const file = [...(transfer.files ?? [])].find((f) => f.type.startsWith('image/')) ?? transfer.files?.[0];
  if (file) return { file };
  const text = (transfer.getData?.('text/uri-list') || transfer.getData?.('text/plain') || '').split('\n')[0].trim();
  if (/^https?:\/\//i.test(text)) return { url: text };
  return null;
}

/** Puts a dropped or pasted thing into a slot; false when it was nothing usable. */
export function put(slot, thing) {
  if (!thing) return false;
  if (thing.result) {
    if (thing.result.mode === 'video') return false;
    slot.useStored(thing.result.url, thing.result.id);
  } else if (thing.file) {
    slot.fromFile(thing.file);
  } else {
    slot.fromUrl(thing.url);
  }
  return true;
}

/** Makes an element accept drops for a slot (tiles, and the whole animation input). */
export function acceptDrops(el, slotFor, onRefused) {
  el.addEventListener('dragover', (event) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    el.classList.add('over');
  });
  el.addEventListener('dragleave', () => el.classList.remove('over'));
  el.addEventListener('drop', (event) => {
    event.preventDefault();
    el.classList.remove('over');
    if (!put(slotFor(), dropped(event.dataTransfer))) onRefused?.('Drop an image (a file, a link or a still from the right).');
  });
}

/** One tile for one slot. `name` is its accessible name ("Product image"). */
export function tile(slot, { name, hint, onRefused }) {
  const id = `file-${slot.kind}-${++serial}`;
  const input = h('input', { type: 'file', id, accept: 'image/*', class: 'visually-hidden' });
  input.addEventListener('change', () => {
    if (input.files?.[0]) slot.fromFile(input.files[0]);
    input.value = '';
  });
  const label = h('label', { for: id, class: 'tile-face' },
    h('span', { class: 'plus', 'aria-hidden': 'true' }, '+'),
    h('span', { class: 'tile-name' }, slot.label),
    hint ? h('span', { class: 'tile-hint' }, hint) : null);
  const picture = h('img', { class: 'thumb', alt: '' });
  const remove = h('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${name.toLowerCase()}` }, '×');
  remove.addEventListener('click', () => {
    slot.clear();
    input.focus();
  });
  const el = h('div', { class: 'tile', dataset: { kind: slot.kind } }, input, label, picture, remove);
  input.setAttribute('aria-label', `${name}: choose a file, drop one here, or paste`);
  acceptDrops(el, () => slot, onRefused);
  el.addEventListener('paste', (event) => {
    if (put(slot, dropped(event.clipboardData))) event.preventDefault();
  });
  const render = () => {
    el.dataset.state = slot.state;
    picture.hidden = !slot.preview;
    if (slot.preview && picture.getAttribute('src') !== slot.preview) picture.src = slot.preview;
    picture.alt = slot.preview ? `${name}` : '';
    label.hidden = Boolean(slot.preview);
    remove.hidden = !slot.filled;
  };
  slot.addEventListener('change', render);
  render();
  return el;
}

/** Wires a "paste an image link" row: the link goes to the slot the select names. */
export function linkImport(root, slotFor, onRefused) {
  const input = $('input', root);
  const kind = $('select', root);
  const add = $('button', root);
  const go = () => {
    const url = input.value.trim();
    if (!/^https?:\/\/\S+$/i.test(url)) {
      onRefused?.('Paste a link that starts with http:// or https://');
      input.focus();
      return;
    }
    const slot = slotFor(kind.value);
    if (!slot) {
      onRefused?.('There is no room for another image of that kind.');
      return;
    }
    slot.fromUrl(url);
    input.value = '';
  };
  add.addEventListener('click', go);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      go();
    }
  });
}
