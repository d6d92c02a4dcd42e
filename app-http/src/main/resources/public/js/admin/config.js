// Config: every key with its newest version; one key's versions; edit the value (the server checks it against the
// key's rules and its problem is shown as is), see the change against the newest version, publish.

import { $ } from '../dom.js';
import { get, post } from '../api.js';
import { act, clear, h, prettyJson, say, table, time } from './ui.js';
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
        ],
        history.versions,
        { rowData: (v) => ({ version: v.version }) },
      ),
    );
  }
}
