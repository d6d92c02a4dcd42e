// Animation mode (spec §8): the image to animate (and an optional end image), the movement in words or
// "Type for me", a movement style, the length. The aspect ratio follows the image.

import { $, h, say } from './dom.js';
import { post, requestId } from './api.js';
import { account, needMatcha } from './account.js';
import { motionButton, paint, uploadState } from './buttons.js';
import { UploadSlot } from './uploads.js';
import { acceptDrops, linkImport, tile } from './slots.js';
import { LiveBox } from './livebox.js';
import { RATIOS, chip } from './still.js';

export const MOVEMENTS = ['Slow push-in', 'Pull back', 'Orbit', 'Pan', 'Handheld', 'Locked-off camera'];

/** The closest offered ratio to an image's size (as the server picks it). */
export function closestRatio(width, height) {
  const target = width / height;
  const value = (r) => r.split(':').map(Number).reduce((w, hh) => w / hh);
  return RATIOS.reduce((best, r) => (Math.abs(Math.log(value(r) / target)) < Math.abs(Math.log(value(best) / target)) ? r : best));
}

export class MotionForm {
  constructor(studio) {
    this.studio = studio;
    this.form = $('#motion-form');
    this.button = $('#motion-go');
    this.status = $('#motion-status');
    this.text = $('#motion-text');
    this.typeForMe = $('#type-for-me');
    this.live = new LiveBox($('#motion-textbox'), this.text, $('#motion-lines'));
    this.start = new UploadSlot('animation', 'Start image');
    this.end = new UploadSlot('animation', 'End image');
    this.running = null;
    this.submitting = false;
    this.typing = false;
    this.failed = null;
    this.build();
  }

  build() {
    const refused = (text) => say(this.status, text, 'error');
    $('#motion-slots').replaceChildren(
      tile(this.start, { name: 'Image to animate', hint: 'required', onRefused: refused }),
      tile(this.end, { name: 'End image', hint: 'optional', onRefused: refused }));
    // Dropping anywhere on the image area (e.g. a still dragged from the right) fills the start image.
    acceptDrops($('#motion-form .uploads'), () => this.start, refused);
    for (const slot of [this.start, this.end]) {
      slot.addEventListener('change', () => {
        if (slot.error) say(this.status, slot.error, 'error');
        if (slot === this.start) this.followRatio();
        this.render();
      });
    }
    linkImport($('#motion-form .link-import'), (kind) => (kind === 'end' ? this.end : this.start), refused);
    const chips = $('#movement-chips');
    MOVEMENTS.forEach((movement) => chips.append(chip('movement', movement, false)));
    const clear = h('button', { type: 'button', class: 'link small', id: 'movement-clear' }, 'Clear');
    clear.addEventListener('click', () => this.clearMovement());
    chips.append(clear);
    $('#motion-ratio').replaceChildren(h('option', { value: '' }, 'From the image'), ...RATIOS.map((r) => h('option', { value: r }, r)));
    $('#duration').addEventListener('change', () => this.render());
    $('#sound').addEventListener('change', () => this.render());
    this.typeForMe.addEventListener('click', () => this.suggest());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.act();
    });
    account.onChange((me) => {
      this.durations(me.video?.durations, me.video?.default_duration);
      this.offer(me.video);
      this.render();
    });
    this.render();
  }

  durations(list, preferred) {
    const select = $('#duration');
    const seconds = (list?.length ? list : [5, 10]).map(Number);
    const shown = [...select.options].map((o) => Number(o.value));
    if (shown.length === seconds.length && shown.every((s, i) => s === seconds[i])) return;
    const keep = Number(select.value);
    select.replaceChildren(...seconds.map((s) => h('option', { value: String(s) }, `${s} seconds`)));
    const chosen = seconds.includes(keep) ? keep : seconds.includes(Number(preferred)) ? Number(preferred) : seconds[0];
    select.value = String(chosen);
  }

  /** Sound and the end image are offered only when the video model takes them (decision 041). */
  offer(video) {
    const sound = Boolean(video?.sound);
    $('#sound-field').hidden = !sound;
    if (!sound) $('#sound').checked = false;
  }

  sound() {
    return !$('#sound-field').hidden && $('#sound').checked;
  }

  /** The price of the chosen length, sound and end image, as the server quotes it; else per second × seconds. */
  price() {
    const quotes = account.me?.video?.quotes;
    const endFrame = this.end.state === 'ready' || Boolean(this.end.url);
    const quote = quotes?.find((q) => q.seconds === this.seconds() && q.sound === this.sound() && q.end_frame === endFrame);
    return quote ? Number(quote.matcha) : account.cost('video', this.seconds());
  }

  clearMovement() {
    this.form.querySelectorAll('input[name="movement"]').forEach((input) => { input.checked = false; });
  }

  seconds() {
    return Number($('#duration').value || 5);
  }

  state() {
    return motionButton({
      running: this.submitting || Boolean(this.running),
      uploads: uploadState([this.start, this.end]),
      hasImage: this.start.state === 'ready',
      failed: this.failed,
      available: account.available(),
      cost: this.price(),
      estimateSeconds: account.me?.video?.estimate_seconds ?? 180,
    });
  }

  render() {
    const uploading = [this.start, this.end].filter((slot) => slot.state === 'uploading');
    paint(this.button, this.state(), uploading.length ? uploading[0].progress : null);
    this.typeForMe.disabled = this.start.state !== 'ready' || this.typing || Boolean(this.running);
    this.typeForMe.textContent = this.typing ? 'Typing…' : 'Type for me';
    $('#motion-cost').textContent = account.me
      ? `${this.price()} matcha for ${this.seconds()} seconds${this.sound() ? ' with sound' : ''} · you have ${account.available()}` : '';
  }

  /** The ratio select shows what the start image's shape gives (the server decides the same way). */
  followRatio(known) {
    const select = $('#motion-ratio');
    if (known) {
      select.value = known;
      return;
    }
    select.value = '';
    if (this.start.state !== 'ready' || !this.start.url) return;
    const url = this.start.url;
    const probe = new Image();
    probe.onload = () => {
      if (this.start.url === url && probe.naturalWidth) select.value = closestRatio(probe.naturalWidth, probe.naturalHeight);
    };
    probe.src = url;
  }

  /** Spec §8.1: Animate on a still: that still in, the text empty, the ratio from it, no movement style. */
  useStill(item) {
    this.start.useStored(item.url, item.id);
    this.end.clear();
    this.text.value = '';
    this.clearMovement();
    this.failed = null;
    this.followRatio(RATIOS.includes(item.ratio) ? item.ratio : undefined);
    say(this.status, 'Ready to animate. Describe the movement, press “Type for me”, or leave it to MMA.');
    this.render();
  }

  async suggest() {
    if (this.start.state !== 'ready') return;
    this.typing = true;
    this.render();
    try {
      const body = this.start.generationId ? { generation_id: this.start.generationId } : { image_url: this.start.url };
      const reply = await post('/api/motion/suggest', body);
      this.text.value = reply.prompt ?? '';
      say(this.status, reply.user_message || 'Here is a simple motion. Change anything you like.');
      this.text.focus();
    } catch (error) {
      say(this.status, error.detail, 'error');
    } finally {
      this.typing = false;
      this.render();
    }
  }

  async act() {
    const action = this.button.dataset.action;
    if (action === 'animate' || action === 'retry') await this.animate();
    else if (action === 'reupload') [this.start, this.end].filter((slot) => slot.state === 'stalled').forEach((slot) => slot.retry());
    else if (action === 'need-image') {
      say(this.status, 'Add the image to animate first: choose a file, drop one, paste a link, or drag a still here from the right.', 'error');
      $('input[type="file"]', $('#motion-slots')).focus();
    } else if (action === 'matcha') {
      const why = needMatcha();
      if (why) say(this.status, why, 'error');
    }
  }

  prompt() {
    const movement = this.form.querySelector('input[name="movement"]:checked')?.value;
    const text = this.text.value.trim();
    if (!movement) return text;
    return `${text}${text ? '\n' : ''}Camera movement: ${movement.toLowerCase()}.`;
  }

  async animate() {
    const body = {
      prompt: this.prompt() || null,
      end_image_url: this.end.url,
      duration: this.seconds(),
      sound: this.sound(),
      request_id: requestId(),
    };
    const fromStill = this.start.generationId;
    const path = fromStill ? `/api/generations/${encodeURIComponent(fromStill)}/animate` : '/api/animations';
    if (!fromStill) body.image_url = this.start.url;
    this.submitting = true;
    this.failed = null;
    say(this.status, '');
    this.render();
    try {
      const reply = await post(path, body);
      account.setCredits(reply.credits_left);
      this.studio.track('video', reply.generation_id, { kind: 'animate', ratio: $('#motion-ratio').value, brief: body.prompt ?? '' });
    } catch (error) {
      if (error.status === 402) account.setCredits(error.problem.balance ?? 0);
      else if (![400, 404, 409, 422].includes(error.status)) this.failed = error.detail;
      say(this.status, error.detail, 'error');
    } finally {
      this.submitting = false;
      this.render();
    }
  }

  /** Loads a recreated video's images, motion text and length. */
  load(recreated) {
    const assets = recreated.assets ?? {};
    if (assets.start_image_url) this.start.useStored(assets.start_image_url);
    else this.start.clear();
    if (assets.end_image_url) this.end.useStored(assets.end_image_url);
    else this.end.clear();
    this.text.value = recreated.prompt ?? '';
    this.clearMovement();
    if (recreated.duration) {
      const value = String(recreated.duration);
      if ([...$('#duration').options].some((o) => o.value === value)) $('#duration').value = value;
    }
    this.failed = null;
    say(this.status, 'Loaded from your archive: change anything, then Animate.');
    this.render();
  }
}
