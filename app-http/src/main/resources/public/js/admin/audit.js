// The audit log: the newest admin calls and what they did, with who did them.

import { $ } from '../dom.js';
import { get } from '../api.js';
import { clear, h, pill, prettyJson, say, table, time } from './ui.js';

export class Audit {
  constructor() {
    this.status = $('#audit-status');
    this.list = $('#audit-list');
  }

  async open() {
    try {
      const log = await get('/api/admin/audit');
      clear(this.list);
      say(this.status, `${log.entries.length} newest entries.`);
      this.list.append(table(
        [
          { label: 'When', cell: (a) => time(a.created_at) },
          { label: 'Actor', cell: (a) => a.actor },
          { label: 'Action', cell: (a) => a.action },
          { label: 'Call', cell: (a) => [a.method, a.route].filter(Boolean).join(' ') },
          { label: 'Status', cell: (a) => (a.status ? pill(String(a.status), a.status >= 400 ? 'bad' : '') : '') },
          { label: 'Detail', cell: (a) => (a.detail && Object.keys(a.detail).length ? h('details', {}, h('summary', {}, 'Show'), prettyJson(a.detail, 'Detail')) : ''), className: 'wrap' },
        ],
        log.entries,
        { empty: 'Nothing audited yet.', rowData: (a) => ({ action: a.action ?? '' }) },
      ));
    } catch (error) {
      say(this.status, error.detail, 'error');
    }
  }
}
