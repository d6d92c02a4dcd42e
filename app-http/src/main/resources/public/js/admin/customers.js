// Customers: find one, see their balance and ledger, correct the balance with a reason, disable or enable the
// account, and end every sign-in.

import { $ } from '../dom.js';
import { get, post, requestId } from '../api.js';
import { act, clear, h, pill, prettyJson, query, say, signed, table, time } from './ui.js';

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
    await act($('#cust-find'), this.status, async () => {
      const page = await get(`/api/admin/customers${query({ q, limit: 20 })}`);
      clear(this.results);
      this.results.append(table(
        [
          { label: 'Email', cell: (c) => c.email || '(no email)' },
          { label: 'Pass id', cell: (c) => h('code', {}, c.pass_id) },
          { label: 'Shopify', cell: (c) => c.shopify_customer_id || '' },
          { label: 'Balance', cell: (c) => String(c.balance), className: 'num' },
          { label: 'State', cell: (c) => (c.deleted ? pill('deleted', 'bad') : c.disabled ? pill('disabled', 'bad') : pill('active', 'good')) },
          { label: 'Last active', cell: (c) => time(c.last_active) },
        ],
        page.items,
        { empty: 'No customer matches.', onOpen: (c) => this.go(`#customers/${encodeURIComponent(c.pass_id)}`), rowData: (c) => ({ passId: c.pass_id }) },
      ));
      if (page.items.length === 1) this.go(`#customers/${encodeURIComponent(page.items[0].pass_id)}`);
      return `${page.items.length} customer${page.items.length === 1 ? '' : 's'}${page.next_cursor ? ' (the first ones; narrow the search)' : ''}`;
    });
  }

  async show(passId) {
    this.detail.hidden = false;
    clear(this.detail);
    this.detail.append(h('p', { class: 'note' }, 'Loading…'));
    try {
      const [credits, found] = await Promise.all([
        get(`/api/admin/customers/${encodeURIComponent(passId)}/credits`),
        get(`/api/admin/customers${query({ q: passId, limit: 1 })}`),
      ]);
      clear(this.detail);
      this.render(passId, credits, found.items.find((c) => c.pass_id === passId) ?? {});
    } catch (error) {
      clear(this.detail);
      this.detail.append(h('p', { class: 'status', dataset: { tone: 'error' }, role: 'alert' }, error.detail));
    }
  }

  render(passId, credits, customer) {
    const status = h('p', { class: 'status', id: 'cust-action-status', role: 'status' });
    this.detail.append(
      h('header', { class: 'detail-head' }, h('h2', {}, 'Customer ', h('code', {}, passId))),
      h('dl', { class: 'kv' },
        fact('Email', h('span', { id: 'cust-email' }, customer.email || '–')),
        fact('Shopify customer', customer.shopify_customer_id || '–'),
        fact('Account', h('span', { id: 'cust-state' }, customer.deleted ? 'deleted' : customer.disabled ? 'disabled' : 'active')),
        fact('Last active', time(customer.last_active)),
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
      h('h3', {}, 'Timeline'),
      h('ol', { class: 'timeline', id: 'cust-timeline' }),
      h('p', {}, h('button', { class: 'button small secondary', type: 'button', id: 'cust-timeline-more', hidden: true }, 'Older')),
    );
    this.timeline(passId, null);
  }

  /** Sessions, generations, events (with or without a generation), feedback and credit movements, newest first. */
  async timeline(passId, cursor) {
    const list = $('#cust-timeline');
    const more = $('#cust-timeline-more');
    try {
      const page = await get(`/api/admin/customers/${encodeURIComponent(passId)}/timeline${query({ cursor, limit: 50 })}`);
      list.append(...page.entries.map(timelineEntry));
      if (!page.entries.length && !cursor) list.append(h('li', { class: 'none' }, 'Nothing yet.'));
      more.hidden = !page.next_cursor;
      more.onclick = () => this.timeline(passId, page.next_cursor);
    } catch (error) {
      list.append(h('li', { class: 'status', dataset: { tone: 'error' } }, error.detail));
    }
  }

  filterGenerations(passId) {
    $('#gen-user').value = passId;
    $('#gen-q').value = '';
    $('#gen-filters').requestSubmit();
  }

  /** Up or down, with a required reason; one adjustment id per form, so a double click applies once. */
  adjustForm(passId, status) {
    let adjustmentId = requestId();
    const amount = h('input', { id: 'cust-delta', type: 'number', step: '1', required: true, inputmode: 'numeric', 'aria-describedby': 'cust-delta-note' });
    const reason = h('input', { id: 'cust-reason', type: 'text', required: true, maxlength: '500', placeholder: 'charged twice for one still' });
    const submit = h('button', { class: 'button primary small', type: 'submit', id: 'cust-adjust' }, 'Adjust balance');
    const form = h('form', { class: 'filters adjust', id: 'cust-adjust-form', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'cust-delta' }, 'Change (matcha)'), amount,
        h('p', { class: 'note', id: 'cust-delta-note' }, '5 adds, −5 takes away')),
      h('div', { class: 'field wide' }, h('label', { for: 'cust-reason' }, 'Reason (in the ledger and the audit)'), reason),
      h('div', { class: 'bar' }, submit));
    form.addEventListener('input', () => {
      adjustmentId = requestId(); // a changed form is a new adjustment
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const delta = Number(amount.value);
      if (!amount.value.trim() || !Number.isInteger(delta) || delta === 0) {
        say(status, 'Enter a whole number of matcha other than 0 (negative takes away).', 'error');
        amount.focus();
        return;
      }
      if (!reason.value.trim()) {
        say(status, 'A reason is required: it is written in the ledger.', 'error');
        reason.focus();
        return;
      }
      const ok = await act(submit, status, async () => {
        const reply = await post(`/api/admin/customers/${encodeURIComponent(passId)}/credits`, { delta, reason: reason.value.trim(), adjustment_id: adjustmentId });
        return `${reply.applied ? 'Adjusted' : 'Already applied'}: balance now ${reply.balance} matcha.`;
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

const TONES = { credit: 'good', generation: '', event: '', feedback: '', session: '' };

function timelineEntry(entry) {
  const detail = entry.detail ?? {};
  const summary = Object.entries(detail)
    .filter(([, value]) => value !== null && typeof value !== 'object')
    .map(([key, value]) => `${key}: ${value}`)
    .join(' · ');
  return h('li', { class: `entry ${entry.kind}`, dataset: { kind: entry.kind, id: entry.id } },
    h('p', { class: 'entry-head' }, pill(entry.kind, TONES[entry.kind] ?? ''), time(entry.at),
      entry.generation_id ? h('a', { href: `#generations/${encodeURIComponent(entry.generation_id)}` }, entry.generation_id) : null),
    summary ? h('p', { class: 'entry-text' }, summary) : null,
    Object.values(detail).some((value) => value && typeof value === 'object')
      ? h('details', {}, h('summary', {}, 'Detail'), prettyJson(detail, `Detail of ${entry.id}`)) : null);
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
