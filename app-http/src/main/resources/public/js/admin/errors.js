// Errors: the Shopify refunds whose matcha could not be taken back (already spent), and a way to the failed
// generations. (A report of failures by provider and kind over 24 h / 7 d needs a server route: not there yet.)

import { $ } from '../dom.js';
import { get } from '../api.js';
import { clear, h, pill, table, time } from './ui.js';

export class Errors {
  constructor(go) {
    $('#errors-failed-link').addEventListener('click', (event) => {
      event.preventDefault();
      $('#gen-q').value = '';
      $('#gen-status').value = 'error';
      go('#generations');
      $('#gen-filters').requestSubmit();
    });
  }

  open() {
    this.refunds();
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
