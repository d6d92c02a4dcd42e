// Customers: find one, see their balance and ledger, correct the balance with a reason, disable or enable the
// account, and end every sign-in.

import { $ } from '../dom.js';
import { get, post, requestId } from '../api.js';
import { act, clear, h, pill, query, say, signed, table, time } from './ui.js';

const PASS = /^pass:/;

export class Customers {
  constructor(go) {
    this.go = go;
    this.status = $('#cust-status');
    this.results = $('#cust-results');
    this.detail = $('#cust-detail');
    $('#cust-search').addEventListener('submit', (event) => {
      event.preventDefault();
      this.search();
    });
  }

  /** #customers searches; #customers/<pass id> opens one. */
  open(arg) {
    if (arg) this.show(arg);
  }

  async search() {
    const q = $('#cust-q').value.trim();
    if (!q) {
      say(this.status, 'Enter an email, a pass id or a Shopify customer id.', 'error');
      return;
    }
    if (PASS.test(q)) {
      this.go(`#customers/${encodeURIComponent(q)}`);
      return;
    }
    say(this.status, 'Search by email or Shopify id is not available on this server yet; enter a pass id.', 'error');
  }

  async show(passId) {
    this.detail.hidden = false;
    clear(this.detail);
    this.detail.append(h('p', { class: 'note' }, 'Loading…'));
    try {
      const credits = await get(`/api/admin/customers/${encodeURIComponent(passId)}/credits`);
      clear(this.detail);
      this.render(passId, credits);
    } catch (error) {
      clear(this.detail);
      this.detail.append(h('p', { class: 'status', dataset: { tone: 'error' }, role: 'alert' }, error.detail));
    }
  }

  render(passId, credits) {
    const status = h('p', { class: 'status', id: 'cust-action-status', role: 'status' });
    this.detail.append(
      h('header', { class: 'detail-head' }, h('h2', {}, 'Customer ', h('code', {}, passId))),
      h('dl', { class: 'kv' },
        fact('Balance', h('span', { id: 'cust-balance' }, `${credits.credits} matcha`)),
        fact('Expires', time(credits.expires_at)),
        fact('Expired', credits.expired ? pill('expired', 'bad') : 'no'),
        fact('Generations', h('a', { href: `#generations`, onclick: () => this.filterGenerations(passId) }, 'Show this customer’s generations'))),
      this.adjustForm(passId, status),
      h('div', { class: 'bar' },
        button('cust-disable', 'Disable account', () => this.action(passId, 'disable', status, 'Account disabled; its unfinished generations are refunded.')),
        button('cust-enable', 'Enable account', () => this.action(passId, 'enable', status, 'Account enabled.')),
        button('cust-revoke', 'Sign out everywhere', () => this.action(passId, 'revoke-tokens', status, 'Every sign-in until now is refused.'))),
      status,
      h('h3', {}, 'Credit movements'),
      ledger(credits.transactions),
    );
  }

  filterGenerations(passId) {
    $('#gen-user').value = passId;
    $('#gen-q').value = '';
    $('#gen-filters').requestSubmit();
  }

  adjustForm(passId, status) {
    const amount = h('input', { id: 'cust-delta', type: 'number', step: '1', min: '1', required: true, inputmode: 'numeric' });
    const reason = h('input', { id: 'cust-reason', type: 'text', required: true, maxlength: '200', placeholder: 'support ticket 123' });
    const submit = h('button', { class: 'button primary small', type: 'submit', id: 'cust-adjust' }, 'Add matcha');
    const form = h('form', { class: 'filters adjust', id: 'cust-adjust-form', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'cust-delta' }, 'Matcha to add'), amount),
      h('div', { class: 'field wide' }, h('label', { for: 'cust-reason' }, 'Reason (shown in the ledger)'), reason),
      h('div', { class: 'bar' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const delta = Number(amount.value);
      if (!Number.isInteger(delta) || delta < 1) {
        say(status, 'Enter a whole number of matcha, 1 or more.', 'error');
        amount.focus();
        return;
      }
      if (!reason.value.trim()) {
        say(status, 'A reason is required: it is written in the ledger.', 'error');
        reason.focus();
        return;
      }
      const ok = await act(submit, status, async () => {
        const reply = await post('/api/admin/credits/grant', { pass_id: passId, amount: delta, reason: reason.value.trim(), request_id: requestId() });
        return `Balance now ${reply.balance} matcha.`;
      });
      if (ok) this.refresh(passId, status);
    });
    return form;
  }

  async refresh(passId, status) {
    const message = status.textContent;
    const tone = status.dataset.tone;
    await this.show(passId);
    const fresh = $('#cust-action-status');
    if (fresh) say(fresh, message, tone);
  }

  async action(passId, what, status, done) {
    const target = $(`#cust-${what === 'revoke-tokens' ? 'revoke' : what}`);
    const ok = await act(target, status, async () => {
      await post(`/api/admin/customers/${encodeURIComponent(passId)}/${what}`);
      return done;
    });
    if (ok) this.refresh(passId, status);
  }
}

function fact(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}

function button(id, label, onclick) {
  return h('button', { class: 'button small secondary', type: 'button', id, onclick }, label);
}

export function ledger(transactions) {
  return table(
    [
      { label: 'When', cell: (t) => time(t.created_at) },
      { label: 'Change', cell: (t) => h('strong', { class: t.delta < 0 ? 'delta minus' : 'delta plus' }, signed(t.delta)), className: 'num' },
      { label: 'Reason', cell: (t) => t.reason },
      { label: 'Note', cell: (t) => t.note || '', className: 'wrap' },
      { label: 'Source', cell: (t) => t.source || '' },
      { label: 'Reference', cell: (t) => (t.ref_type === 'generation' ? h('a', { href: `#generations/${encodeURIComponent(t.ref_id)}` }, t.ref_id) : [t.ref_type, t.ref_id].filter(Boolean).join(' ')) },
      { label: 'Id', cell: (t) => h('code', {}, t.id), className: 'wrap' },
    ],
    transactions ?? [],
    { empty: 'No credit movement yet.', rowData: (t) => ({ id: t.id }) },
  );
}

export { query };
