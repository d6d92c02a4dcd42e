// Errors: failed generations by provider and failure kind over 24 h / 7 d with their refunds
// (GET /api/admin/errors), beside the Shopify refunds whose matcha could not be taken back (already spent).

import { $ } from '../dom.js';
import { get } from '../api.js';
import { act, clear, h, pill, query, table, time, when } from './ui.js';

export class Errors {
  constructor(go) {
    $('#errors-window').addEventListener('submit', (event) => {
      event.preventDefault();
      this.failures();
    });
    this.go = go;
    $('#errors-failed-link').addEventListener('click', (event) => {
      event.preventDefault();
      this.list({});
    });
  }

  /** Opens the generation list on the failed generations, narrowed to one provider and failure kind if given. */
  list({ provider = '', kind = '' }) {
    $('#gen-q').value = '';
    $('#gen-user').value = '';
    $('#gen-status').value = 'error';
    $('#gen-provider').value = provider;
    $('#gen-kind').value = kind;
    this.go('#generations');
    $('#gen-filters').requestSubmit();
  }

  open() {
    this.failures();
    this.refunds();
  }

  async failures() {
    const target = $('#errors-report');
    const span = $('#errors-span').value;
    await act($('#errors-show'), $('#errors-status'), async () => {
      const report = await get(`/api/admin/errors${query({ window: span })}`);
      const refunded = report.groups.reduce((sum, g) => sum + g.refunds, 0);
      clear(target);
      target.append(
        h('p', { class: 'note', id: 'errors-summary' },
          `${report.failed} failed generation${report.failed === 1 ? '' : 's'} since ${when(report.since)}, ${refunded} refunded`
            + (report.truncated ? ' (the newest 2000 read)' : '') + '.'),
        table(
          [
            { label: 'Provider', cell: (g) => g.provider },
            { label: 'Failure kind', cell: (g) => pill(g.kind, 'bad') },
            { label: 'Failed', cell: (g) => String(g.failed), className: 'num' },
            { label: 'Refunded', cell: (g) => String(g.refunds), className: 'num' },
            { label: 'Matcha given back', cell: (g) => String(g.refunded_matcha), className: 'num' },
            { label: 'Last', cell: (g) => time(g.last_at) },
            { label: 'All', cell: (g) => h('a', { href: '#generations', class: 'open-group', 'aria-label': `List every ${g.kind} failure of ${g.provider}`, onclick: (event) => { event.preventDefault(); this.list({ provider: g.provider, kind: g.kind }); } }, `List ${g.failed}`) },
            { label: 'Recent', cell: (g) => g.recent.map((id) => h('a', { href: `#generations/${encodeURIComponent(id)}`, 'aria-label': `Open ${id}`, dataset: { id } }, id.replace(/^generation:/, '').slice(0, 8))), className: 'wrap' },
          ],
          report.groups,
          { empty: 'No generation failed in this window.', rowData: (g) => ({ provider: g.provider, kind: g.kind }) },
        ),
      );
      return '';
    });
  }

  async refunds() {
    const target = $('#refunds-report');
    clear(target);
    try {
      const list = await get('/api/admin/refunds?limit=200');
      const short = list.refunds.filter((r) => r.not_taken_back > 0);
      target.append(
        h('p', { class: 'note', id: 'refunds-summary' },
          `${list.not_taken_back} matcha not taken back of ${list.owed} owed (${list.taken} taken back) in the newest ${list.refunds.length} refund lines.`),
        table(
          [
            { label: 'When', cell: (r) => time(r.created_at) },
            { label: 'Customer', cell: (r) => h('a', { href: `#customers/${encodeURIComponent(r.pass_id)}` }, r.pass_id) },
            { label: 'Order', cell: (r) => r.order_id ?? '' },
            { label: 'Refund', cell: (r) => r.refund_id ?? '' },
            { label: 'Pack', cell: (r) => [r.sku, r.quantity ? `× ${r.quantity}` : ''].filter(Boolean).join(' ') },
            { label: 'Owed', cell: (r) => String(r.owed), className: 'num' },
            { label: 'Taken back', cell: (r) => String(r.taken), className: 'num' },
            { label: 'Not taken back', cell: (r) => h('strong', { class: 'delta minus' }, String(r.not_taken_back)), className: 'num' },
            { label: 'State', cell: (r) => pill(r.status, 'bad') },
          ],
          short,
          { empty: 'Every refunded pack was taken back in full.', rowData: (r) => ({ id: r.take_back_id }) },
        ),
      );
    } catch (error) {
      target.append(h('p', { class: 'status', dataset: { tone: 'error' }, role: 'alert' }, error.status === 404
        ? 'The refunds report is not available on this server yet.' : error.detail));
    }
  }
}
