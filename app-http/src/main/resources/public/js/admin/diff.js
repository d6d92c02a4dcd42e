// A line diff of two JSON values (pretty-printed with sorted keys), for config versions. Longest common
// subsequence: config values are small, a quadratic table is fine.

import { h } from './ui.js';

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])]));
  }
  return value;
}

export const lines = (value) => JSON.stringify(sorted(value ?? null), null, 2).split('\n');

/** [{op: ' ' | '-' | '+', text}] turning `before` into `after`. */
export function diffLines(before, after) {
  const a = lines(before);
  const b = lines(after);
  const table = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', text: a[i] });
      i += 1;
      j += 1;
    } else if (table[i + 1][j] >= table[i][j + 1]) {
      out.push({ op: '-', text: a[i] });
      i += 1;
    } else {
      out.push({ op: '+', text: b[j] });
      j += 1;
    }
  }
  while (i < a.length) out.push({ op: '-', text: a[i++] });
  while (j < b.length) out.push({ op: '+', text: b[j++] });
  return out;
}

/** The diff as a <pre>, removed lines marked "-", added "+", each as text. */
export function renderDiff(before, after, label) {
  const changes = diffLines(before, after);
  const pre = h('pre', { class: 'json diff', tabindex: '0', 'aria-label': label });
  if (!changes.some((c) => c.op !== ' ')) {
    pre.textContent = 'No difference.';
    return pre;
  }
  for (const change of changes) {
    const line = h('span', { class: change.op === '-' ? 'del' : change.op === '+' ? 'add' : 'same' });
    line.textContent = `${change.op} ${change.text}\n`;
    pre.append(line);
  }
  return pre;
}
