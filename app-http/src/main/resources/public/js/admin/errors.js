// Errors: failed generations by provider and failure kind, over 24 hours or 7 days, with refunds; and the Shopify
// refunds whose matcha could not be taken back (already spent).

import { $, $$ } from '../dom.js';
import { get } from '../api.js';
import { clear, h, pill, say, table, time } from './ui.js';

export class Errors {
  constructor() {
    this.status = $('#errors-status');
    this.window = '24h';
    $$('[data-window]').forEach((button) => button.addEventListener('click', () => {
      this.window = button.dataset.window;
      $$('[data-window]').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
      this.open();
    }));
  }

  open() {
    this.failures();
    this.refunds();
  }

  async failures() {
    clear($('#errors-report'));
    say(this.status, 'The report of failed generations is not available on this server yet.');
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
