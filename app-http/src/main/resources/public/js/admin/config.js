// Config: every key with its newest version; one key's versions; edit the value (the server checks it against the
// key's rules and its problem is shown as is), see the change against the newest version, publish.

import { $ } from '../dom.js';
import { get, post } from '../api.js';
import { act, clear, h, prettyJson, query, say, table, time } from './ui.js';
import { renderDiff } from './diff.js';

export class Config {
  constructor() {
    this.status = $('#config-status');
    this.keys = $('#config-keys');
    this.detail = $('#config-detail');
  }

  open(arg) {
    this.loadKeys().then(() => {
      if (arg) this.show(arg);
    });
  }

  async loadKeys() {
    try {
      const list = await get('/api/admin/config');
      clear(this.keys);
      this.keys.append(table(
        [
          { label: 'Key', cell: (c) => c.key },
          { label: 'Newest', cell: (c) => `v${c.version}`, className: 'num' },
        ],
        list.keys,
        { onOpen: (c) => { window.location.hash = `#config/${encodeURIComponent(c.key)}`; }, rowData: (c) => ({ key: c.key }) },
      ));
    } catch (error) {
      say(this.status, error.detail, 'error');
    }
  }

  async show(key) {
    this.detail.hidden = false;
    clear(this.detail);
    try {
      const history = await get(`/api/admin/config/${encodeURIComponent(key)}`);
      this.render(history);
    } catch (error) {
      this.detail.append(h('p', { class: 'status', dataset: { tone: 'error' }, role: 'alert' }, error.detail));
    }
  }

  /** Publishes an older version's value as the next version (the server checks it against today's rules). */
  async rollback(key, version, button) {
    const status = $('#config-edit-status');
    let published = null;
    const ok = await act(button, status, async () => {
      published = await post(`/api/admin/config/${encodeURIComponent(key)}/rollback`, { version });
      return '';
    });
    if (ok) {
      await this.loadKeys();
      await this.show(key);
      say($('#config-edit-status'), `Rolled back: v${published.version} has the value of v${version}.`);
    }
  }

  /** Any two versions: what changed, path by path. */
  diffForm(history) {
    const options = () => history.versions.map((v) => h('option', { value: String(v.version) }, `v${v.version}`));
    const from = h('select', { id: 'config-diff-from' }, options());
    const to = h('select', { id: 'config-diff-to' }, options());
    from.value = String(history.versions[Math.min(1, history.versions.length - 1)].version);
    to.value = String(history.version);
    const out = h('div', { id: 'config-diff' });
    const status = h('p', { class: 'status', role: 'status' });
    const show = h('button', { class: 'button small secondary', type: 'submit', id: 'config-diff-show' }, 'Compare');
    const form = h('form', { class: 'filters', id: 'config-diff-form', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'config-diff-from' }, 'From'), from),
      h('div', { class: 'field' }, h('label', { for: 'config-diff-to' }, 'To'), to),
      h('div', { class: 'bar' }, show));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(show, status, async () => {
        const diff = await get(`/api/admin/config/${encodeURIComponent(history.key)}/diff${query({ from: from.value, to: to.value })}`);
        clear(out);
        out.append(table(
          [
            { label: 'Path', cell: (c) => h('code', {}, c.path || '/') },
            { label: 'Change', cell: (c) => c.op },
            { label: `In v${diff.from}`, cell: (c) => (c.op === 'added' ? '–' : prettyJson(c.from, `v${diff.from} at ${c.path}`)), className: 'wrap' },
            { label: `In v${diff.to}`, cell: (c) => (c.op === 'removed' ? '–' : prettyJson(c.to, `v${diff.to} at ${c.path}`)), className: 'wrap' },
          ],
          diff.changes,
          { empty: `v${diff.from} and v${diff.to} hold the same value.`, rowData: (c) => ({ path: c.path }) },
        ));
        return '';
      });
    });
    return h('section', { 'aria-labelledby': 'config-diff-title' }, h('h3', { id: 'config-diff-title' }, 'Compare two versions'), form, status, out);
  }

  render(history) {
    const status = h('p', { class: 'status', id: 'config-edit-status', role: 'status' });
    const editor = h('textarea', { id: 'config-value', rows: '16', spellcheck: false, class: 'code' });
    editor.value = JSON.stringify(history.value, null, 2);
    const changes = h('div', { id: 'config-changes' });
    const preview = h('button', { class: 'button small secondary', type: 'button', id: 'config-preview' }, 'Show changes');
    const publish = h('button', { class: 'button small primary', type: 'submit', id: 'config-publish' }, 'Publish as the next version');
    const parsed = () => {
      try {
        const value = JSON.parse(editor.value);
        if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('The value is one JSON object.');
        return value;
      } catch (error) {
        say(status, `Not valid JSON: ${error.message}`, 'error');
        return null;
      }
    };
    preview.addEventListener('click', () => {
      const value = parsed();
      if (!value) return;
      say(status, '');
      clear(changes);
      changes.append(h('h3', {}, `Changes against v${history.version}`), renderDiff(history.value, value, 'Changes'));
    });
    const form = h('form', { id: 'config-form', class: 'stack', novalidate: true },
      h('label', { for: 'config-value' }, `Value of ${history.key}`), editor,
      h('div', { class: 'bar' }, preview, publish), status, changes);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = parsed();
      if (!value) return;
      let published = null;
      const ok = await act(publish, status, async () => {
        published = await post(`/api/admin/config/${encodeURIComponent(history.key)}`, { value });
        return `Published v${published.version}.`;
      });
      if (ok) {
        await this.loadKeys();
        await this.show(history.key);
        say($('#config-edit-status'), `Published v${published.version}.`);
      }
    });
    this.detail.append(
      h('header', { class: 'detail-head' }, h('h2', {}, h('code', {}, history.key), ` v${history.version}`)),
      h('details', {}, h('summary', {}, 'Newest value'), prettyJson(history.value, `Value of ${history.key}`)),
      form,
      h('h3', {}, 'Versions'),
      table(
        [
          { label: 'Version', cell: (v) => `v${v.version}`, className: 'num' },
          { label: 'By', cell: (v) => v.actor || '–' },
          { label: 'Published', cell: (v) => time(v.created_at) },
          {
            label: 'Roll back',
            cell: (v) => (v.version === history.version ? 'newest' : h('button', {
              class: 'button small secondary', type: 'button', dataset: { rollback: v.version },
              'aria-label': `Roll back ${history.key} to v${v.version}`,
              onclick: (event) => this.rollback(history.key, v.version, event.currentTarget),
            }, `Publish v${v.version} again`)),
          },
        ],
        history.versions,
        { rowData: (v) => ({ version: v.version }) },
      ),
      this.diffForm(history),
    );
  }
}
