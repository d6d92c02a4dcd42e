// Reconcile: every balance against its ledger sum (a check writes nothing); one click writes a correcting ledger
// row for each drift.

import { $ } from '../dom.js';
import { get, post } from '../api.js';
import { act, clear, h, pill, say, signed, table } from './ui.js';

export class Reconcile {
  constructor() {
    this.status = $('#reconcile-status');
    this.report = $('#reconcile-report');
    this.fix = $('#reconcile-fix');
    $('#reconcile-check').addEventListener('click', () => this.run(false));
    this.fix.addEventListener('click', () => this.run(true));
  }

  open() {
    this.run(false);
  }

  async run(fix) {
    const button = fix ? this.fix : $('#reconcile-check');
    await act(button, this.status, async () => {
      const report = fix ? await post('/api/admin/reconcile') : await get('/api/admin/reconcile');
      this.render(report);
      const fixed = report.drifts.filter((d) => d.fixed).length;
      if (fix) return `Fixed ${fixed} of ${report.drifts.length} drift${report.drifts.length === 1 ? '' : 's'}.`;
      return report.clean ? 'Every balance equals its ledger sum.' : `${report.drifts.length} customer${report.drifts.length === 1 ? '' : 's'} drifted.`;
    });
    this.fix.disabled = !this.report.querySelector('tr[data-fixed="false"]');
  }

  render(report) {
    clear(this.report);
    this.report.append(table(
      [
        { label: 'Customer', cell: (d) => h('a', { href: `#customers/${encodeURIComponent(d.pass_id)}` }, d.pass_id) },
        { label: 'Balance', cell: (d) => String(d.balance), className: 'num' },
        { label: 'Ledger sum', cell: (d) => String(d.ledger_sum), className: 'num' },
        { label: 'Difference', cell: (d) => signed(d.difference), className: 'num' },
        { label: 'State', cell: (d) => (d.fixed ? pill('fixed', 'good') : pill('drift', 'bad')) },
      ],
      report.drifts,
      { empty: 'No drift: every balance equals its ledger sum.', rowData: (d) => ({ passId: d.pass_id, fixed: String(Boolean(d.fixed)) }) },
    ));
  }
}
