// Generations: filters and search, and one generation as a timeline of its steps (pretty JSON, our media inline),
// its events and its credit movements, with what its provider calls cost.

import { $ } from '../dom.js';
import { get } from '../api.js';
import { AssetOrigins, act, clear, h, media, mediaIn, pill, prettyJson, query, say, signed, table, time, when } from './ui.js';

const ID = /^(generation:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const dayStart = (date) => (date ? new Date(`${date}T00:00:00`).toISOString() : '');
const dayAfter = (date) => {
  if (!date) return '';
  const next = new Date(`${date}T00:00:00`);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
};

export const statusTone = (status) => (status === 'error' ? 'bad' : status === 'done' ? 'good' : '');

export class Generations {
  constructor(go) {
    this.go = go;
    this.status = $('#gen-status-line');
    this.list = $('#gen-list');
    this.detail = $('#gen-detail');
    this.next = null;
    this.items = [];
    $('#gen-filters').addEventListener('submit', (event) => {
      event.preventDefault();
      this.search();
    });
    $('#gen-more').addEventListener('click', () => this.load(true));
  }

  /** #generations lists; #generations/<id> opens one (a link from a customer, the errors or the audit log). */
  open(arg) {
    $('#gen-browse').hidden = Boolean(arg);
    if (arg) {
      this.show(arg);
    } else {
      this.detail.hidden = true;
      delete this.detail.dataset.id;
    }
    if (!arg && !this.loaded) {
      this.loaded = true;
      this.load(false);
    }
  }

  filters() {
    return {
      pass_id: $('#gen-user').value,
      status: $('#gen-status').value,
      mode: $('#gen-mode').value,
      provider: $('#gen-provider').value.trim().toLowerCase(),
      error_kind: $('#gen-kind').value.trim().toLowerCase(),
      from: dayStart($('#gen-from').value),
      to: dayAfter($('#gen-to').value),
    };
  }

  async search() {
    const q = $('#gen-q').value.trim();
    if (ID.test(q)) {
      this.go(`#generations/${encodeURIComponent(q)}`);
      return;
    }
    if (q.includes('@')) {
      // An email: resolved to its customer through the customer search, then filtered by pass id.
      const found = await get(`/api/admin/customers${query({ q, limit: 20 })}`).catch((error) => {
        say(this.status, error.detail, 'error');
        return null;
      });
      if (!found) return;
      const exact = found.items.filter((c) => (c.email || '').toLowerCase() === q.toLowerCase());
      const match = exact.length === 1 ? exact[0] : found.items.length === 1 ? found.items[0] : null;
      if (!match) {
        say(this.status, found.items.length ? `${found.items.length} customers match ${q}: type the whole email.` : `No customer has the email ${q}.`, 'error');
        return;
      }
      $('#gen-user').value = match.pass_id;
    } else if (q) {
      say(this.status, 'Enter a generation id (generation:…) or an email, or a pass id under Customer.', 'error');
      return;
    }
    await this.load(false);
  }

  async load(more) {
    const button = $('#gen-search');
    await act(button, this.status, async () => {
      const params = { ...this.filters(), limit: 25, cursor: more ? this.next : '' };
      const page = await get(`/api/admin/generations${query(params)}`);
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.next = page.next_cursor;
      this.render();
      return `${this.items.length} generation${this.items.length === 1 ? '' : 's'}${this.next ? ' (more below)' : ''}`;
    });
  }

  render() {
    clear(this.list);
    this.list.append(table(
      [
        { label: 'Generation', cell: (g) => g.generation_id },
        { label: 'Created', cell: (g) => time(g.created_at) },
        { label: 'Customer', cell: (g) => g.pass_id },
        { label: 'Mode', cell: (g) => g.mode },
        { label: 'Status', cell: (g) => pill(g.status, statusTone(g.status)) },
        { label: 'Provider', cell: (g) => [g.provider, g.model].filter(Boolean).join(' · ') || '–' },
        { label: 'Error', cell: (g) => g.error || '' , className: 'wrap' },
      ],
      this.items,
      { empty: 'No generation matches.', onOpen: (g) => this.go(`#generations/${encodeURIComponent(g.generation_id)}`), rowData: (g) => ({ id: g.generation_id, status: g.status }) },
    ));
    $('#gen-more').hidden = !this.next;
  }

  async show(id) {
    this.detail.hidden = false;
    clear(this.detail);
    this.detail.append(h('p', { class: 'note' }, 'Loading…'));
    try {
      const trail = await get(`/api/admin/generations/${encodeURIComponent(id)}`);
      let credits = null;
      try {
        credits = await get(`/api/admin/customers/${encodeURIComponent(trail.pass_id)}/credits`);
      } catch {
        credits = null; // a deleted customer: the generation still shows
      }
      clear(this.detail);
      this.detail.append(...renderTrail(trail, credits, this.go));
      this.detail.dataset.id = trail.generation_id;
    } catch (error) {
      clear(this.detail);
      this.detail.append(h('p', { class: 'status', dataset: { tone: 'error' }, role: 'alert' }, error.detail));
    }
  }
}

function renderTrail(g, credits, go) {
  const origins = new AssetOrigins();
  if (g.output_url) origins.learn(g.output_url);
  for (const value of Object.values(g.assets ?? {})) {
    for (const url of [value].flat()) origins.learn(url);
  }
  const output = g.output_url ? media(g.output_url, origins, `Output of ${g.generation_id}`) : null;
  const cost = g.cost ?? {};
  const facts = h('dl', { class: 'kv' },
    fact('Status', pill(g.status, statusTone(g.status))),
    fact('Customer', h('a', { href: `#customers/${encodeURIComponent(g.pass_id)}` }, g.pass_id)),
    fact('Mode', `${g.mode}${g.kind ? ` · ${g.kind}` : ''}`),
    fact('Provider', [g.provider, g.model].filter(Boolean).join(' · ') || '–'),
    fact('Created', time(g.created_at)),
    fact('Latency', g.latency_ms != null ? `${(g.latency_ms / 1000).toFixed(1)} s` : '–'),
    fact('Attempts', g.attempts ?? '–'),
    fact('Cost', h('span', { id: 'gen-cost' }, cost.usd != null ? `$${cost.usd}` : '–',
      cost.complete === false ? ` (${cost.unpriced_steps} step${cost.unpriced_steps === 1 ? '' : 's'} unpriced)` : '')),
  );
  if (g.parent_id) facts.append(fact('Parent', h('a', { href: `#generations/${encodeURIComponent(g.parent_id)}` }, g.parent_id)));
  const parts = [
    h('header', { class: 'detail-head' },
      h('h2', {}, 'Generation ', h('code', {}, g.generation_id)),
      h('a', { class: 'button small secondary', href: '#generations' }, 'Back to the list')),
    facts,
  ];
  if (g.error) parts.push(h('p', { class: 'error-box', role: 'note' }, g.error));
  if (g.brief) parts.push(h('p', { class: 'brief' }, h('strong', {}, 'Brief: '), g.brief));
  if (g.prompt) parts.push(h('details', { class: 'prompt' }, h('summary', {}, 'Prompt'), h('p', {}, g.prompt)));
  if (output) parts.push(h('figure', { class: 'output' }, output, h('figcaption', {}, 'Output')));

  // One timeline: steps, events and credit movements in time order.
  const moves = (credits?.transactions ?? []).filter((t) => t.ref_type === 'generation' && t.ref_id === g.generation_id);
  const entries = [
    ...(g.steps ?? []).map((s) => ({ at: s.created_at, kind: 'step', item: s })),
    ...(g.events ?? []).map((e) => ({ at: e.created_at, kind: 'event', item: e })),
    ...moves.map((t) => ({ at: t.created_at, kind: 'credit', item: t })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : order(a) - order(b)));
  parts.push(h('h3', {}, 'Timeline'));
  parts.push(h('ol', { class: 'timeline', id: 'gen-timeline' }, entries.map((e) => entry(e, origins))));
  parts.push(h('details', {}, h('summary', {}, 'Stored document (mg_mma_vars)'), prettyJson(g.vars, 'Stored document')));
  return parts;
}

const order = (e) => (e.kind === 'step' ? e.item.step_no : e.kind === 'credit' ? 1000 : 2000);

function fact(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}

function entry({ kind, item }, origins) {
  if (kind === 'credit') {
    return h('li', { class: 'entry credit', dataset: { kind } },
      h('p', { class: 'entry-head' }, pill('credits'), h('strong', {}, `${signed(item.delta)} matcha`), ` ${item.reason}`,
        item.note ? ` — ${item.note}` : '', ' ', time(item.created_at)),
      h('p', { class: 'note' }, item.id));
  }
  if (kind === 'event') {
    return h('li', { class: 'entry event', dataset: { kind } },
      h('p', { class: 'entry-head' }, pill('event'), h('strong', {}, item.event_type), item.text ? ` “${item.text}”` : '', ' ', time(item.created_at)),
      Object.keys(item.meta ?? {}).length ? prettyJson(item.meta, `Event ${item.event_type}`) : null);
  }
  const payload = item.payload ?? {};
  const pictures = [...mediaIn(payload, origins)].map((url) => media(url, origins, `Media of step ${item.step_no}`)).filter(Boolean);
  const failed = payload.error || payload.status === 'failed' || payload.failure;
  return h('li', { class: `entry step${failed ? ' failed' : ''}`, dataset: { kind, step: item.step_type } },
    h('p', { class: 'entry-head' }, pill(`step ${item.step_no}`, failed ? 'bad' : ''), h('strong', {}, item.step_type), ' ', time(item.created_at)),
    pictures.length ? h('div', { class: 'media-row' }, pictures) : null,
    h('details', { open: Boolean(failed) }, h('summary', {}, 'Payload'), prettyJson(payload, `Payload of step ${item.step_no}`)));
}

export { when };
