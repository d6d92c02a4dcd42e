// Still mode (spec §4): brief, product, logo and up to 4 inspiration images, styles, aspect ratio, quality.

import { $, h, say, plural } from './dom.js';
import { post, requestId } from './api.js';
import { account, needMatcha } from './account.js';
import { paint, stillButton, uploadState } from './buttons.js';
import { UploadSlot } from './uploads.js';
import { linkImport, tile } from './slots.js';
import { LiveBox } from './livebox.js';
import { StylePicker } from './styles.js';

export const RATIOS = ['1:1', '4:5', '5:4', '3:4', '4:3', '2:3', '3:2', '9:16', '16:9', '21:9'];
const MAX_INSPIRATIONS = 4;

export class StillForm {
  /** @param studio {track(mode, reply, meta), failedJob} */
  constructor(studio) {
    this.studio = studio;
    this.form = $('#still-form');
    this.button = $('#still-go');
    this.status = $('#still-status');
    this.brief = $('#brief');
    this.live = new LiveBox($('#still-textbox'), this.brief, $('#still-lines'));
    this.product = new UploadSlot('product', 'Product');
    this.logo = new UploadSlot('logo', 'Logo');
    this.inspirations = Array.from({ length: MAX_INSPIRATIONS }, (_, i) => new UploadSlot('inspiration', `Inspiration ${i + 1}`));
    this.running = null;
    this.submitting = false;
    this.failed = null;
    this.build();
  }

  get slots() {
    return [this.product, this.logo, ...this.inspirations];
  }

  build() {
    const refused = (text) => say(this.status, text, 'error');
    const tiles = [
      tile(this.product, { name: 'Product image', onRefused: refused }),
      tile(this.logo, { name: 'Logo image', onRefused: refused }),
      ...this.inspirations.map((slot, i) => tile(slot, { name: `Inspiration image ${i + 1}`, onRefused: refused })),
    ];
    $('#still-slots').replaceChildren(...tiles);
    this.inspirationTiles = tiles.slice(2);
    this.styles = new StylePicker($('#style-chips'), {
      status: this.status,
      images: () => this.inspirations.filter((slot) => slot.url && !slot.generationId).map((slot) => slot.url),
    });
    for (const slot of this.slots) {
      slot.addEventListener('change', () => {
        if (slot.error) say(this.status, slot.error, 'error');
        this.render();
        this.styles.render();
      });
    }
    linkImport($('#still-form .link-import'), (kind) => this.slotFor(kind), refused);
    $('#ratio').replaceChildren(...RATIOS.map((r) => h('option', { value: r }, r)));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.act();
    });
    this.engine = $('#engine');
    this.engine.addEventListener('change', () => {
      this.offer = null;
      this.render();
    });
    account.onChange((me) => {
      this.fillEngines(me);
      this.render();
      if (me) this.styles.load(me.pass_id);
    });
    this.render();
  }

  slotFor(kind) {
    if (kind === 'product') return this.product;
    if (kind === 'logo') return this.logo;
    return this.inspirations.find((slot) => !slot.filled) ?? null;
  }

  /** The still engines of /api/me (issue 22) as the Engine choices, keeping the one chosen. */
  fillEngines(me) {
    const engines = me?.engines ?? [];
    const chosen = this.engine.value;
    const options = engines.map((e) => h('option', { value: e.name }, `${e.label} · ${plural(e.still, 'matcha', 'matcha')}`));
    this.engine.replaceChildren(...options);
    const keep = engines.find((e) => e.name === chosen) ?? engines.find((e) => e.default);
    if (keep) this.engine.value = keep.name;
    $('#engine-field').hidden = engines.length < 2;
  }

  /** The chosen engine's entry of /api/me (null before it loads, or on a server without engines). */
  chosenEngine() {
    return (account.me?.engines ?? []).find((e) => e.name === this.engine.value) ?? null;
  }

  stillCost() {
    return this.chosenEngine()?.still ?? account.cost('still');
  }

  /** "Switch to main": the refusal's offer, else the default engine when it is cheaper and the balance covers it. */
  switchOffer() {
    if (this.offer) return this.offer;
    const chosen = this.chosenEngine();
    const fallback = (account.me?.engines ?? []).find((e) => e.default);
    if (!chosen || !fallback || fallback.name === chosen.name || fallback.still >= chosen.still) return null;
    return { engine: fallback.name, label: fallback.label, cost: fallback.still };
  }

  state() {
    return stillButton({
      running: this.submitting || Boolean(this.running),
      uploads: uploadState(this.slots),
      failed: this.failed,
      available: account.available(),
      cost: this.stillCost(),
      offer: this.switchOffer(),
    });
  }

  render() {
    // Filled inspiration tiles, then one empty one while there is room.
    let offered = false;
    this.inspirations.forEach((slot, i) => {
      const show = slot.filled || !offered;
      if (!slot.filled && show) offered = true;
      this.inspirationTiles[i].hidden = !show;
    });
    const uploading = this.slots.filter((slot) => slot.state === 'uploading');
    const progress = uploading.length ? uploading.reduce((sum, s) => sum + (s.progress ?? 0), 0) / uploading.length : null;
    paint(this.button, this.state(), progress);
    const cost = this.stillCost();
    $('#still-cost').textContent = account.me
      ? `${plural(cost, 'matcha', 'matcha')} per still · you have ${account.available()}` : '';
  }

  async act() {
    const action = this.button.dataset.action;
    if (action === 'create' || action === 'retry') await this.create();
    else if (action === 'switch') {
      // One click: the cheaper engine becomes the choice and the still is made on it.
      const offer = this.switchOffer();
      this.offer = null;
      if (offer) this.engine.value = offer.engine;
      await this.create();
    }
    else if (action === 'reupload') this.slots.filter((slot) => slot.state === 'stalled').forEach((slot) => slot.retry());
    else if (action === 'matcha') {
      const why = needMatcha();
      if (why) say(this.status, why, 'error');
    }
  }

  async create() {
    const ratio = $('#ratio').value;
    const brief = this.brief.value.trim();
    const body = {
      brief,
      styles: this.styles.chosen(),
      aspect_ratio: ratio,
      product_url: this.product.url,
      logo_url: this.logo.url,
      inspiration_urls: this.inspirations.filter((slot) => slot.url).map((slot) => slot.url),
      settings: { quality: $('#quality').value },
      request_id: requestId(),
    };
    if (this.engine.value) body.engine = this.engine.value;
    this.submitting = true;
    this.failed = null;
    say(this.status, '');
    this.render();
    try {
      const reply = await post('/api/stills', body);
      account.setCredits(reply.credits_left);
      this.studio.track('still', reply.generation_id, { kind: 'create', ratio, brief, request: this.snapshot(body) });
    } catch (error) {
      this.refused(error);
    } finally {
      this.submitting = false;
      this.render();
    }
  }

  /** A refusal before anything ran: out of matcha, invalid input, or a fault worth retrying. */
  refused(error) {
    if (error.status === 402) {
      this.offer = error.problem.switch_to ?? null;
      account.setCredits(error.problem.balance ?? 0);
      say(this.status, this.offer ? `${error.detail}. ${this.offer.label} costs ${this.offer.cost}.` : error.detail, 'error');
    } else if (error.status === 400 || error.status === 422) {
      say(this.status, error.detail, 'error');
    } else {
      this.failed = error.detail;
      say(this.status, `${error.detail} Press Retry to try again.`, 'error');
    }
  }

  /** What to put back after a refresh: the shape GET …/recreate answers, so load() reads both. */
  snapshot(body) {
    return {
      brief: body.brief, style_ids: body.styles, aspect_ratio: body.aspect_ratio, settings: body.settings, engine: body.engine,
      assets: { product_url: body.product_url, logo_url: body.logo_url, inspiration_urls: body.inspiration_urls },
    };
  }

  /** Loads a recreated still's settings and images (from the archive, or the request running before a refresh). */
  load(recreated, note = 'Loaded from your archive: change anything, then Create.') {
    this.brief.value = recreated.brief ?? '';
    // The chosen styles: the ids sent before a refresh, or those stored with a recreated still (none: None).
    this.styles.select(recreated.style_ids ?? (recreated.assets?.styles ?? []).map((style) => style.id));
    if (RATIOS.includes(recreated.aspect_ratio)) $('#ratio').value = recreated.aspect_ratio;
    const quality = recreated.settings?.quality;
    if (quality && $(`#quality option[value="${CSS.escape(quality)}"]`)) $('#quality').value = quality;
    // The engine it was made on (issue 22), when this server still offers it.
    const engine = recreated.engine ?? recreated.settings?.engine;
    if (engine && [...this.engine.options].some((option) => option.value === engine)) this.engine.value = engine;
    this.offer = null;
    const assets = recreated.assets ?? {};
    const use = (slot, url) => (url ? slot.useStored(url) : slot.clear());
    use(this.product, assets.product_url);
    use(this.logo, assets.logo_url);
    this.inspirations.forEach((slot, i) => use(slot, (assets.inspiration_urls ?? [])[i]));
    this.failed = null;
    say(this.status, note);
    this.render();
  }
}

let chipSerial = 0;

/** One choice of a chip group (a radio button styled as a chip). */
export function chip(name, value, checked) {
  const id = `${name}-${++chipSerial}`;
  return h('span', { class: 'chip' },
    h('input', { type: 'radio', name, id, value, checked }),
    h('label', { for: id }, value));
}
