// The right panel: every creation of this visit, newest appended on the right; bullets, arrows and swipe
// (scroll snapping) move between them; Like, Dislike, Download, Tweak and Animate act on the one in view.
// Pressing Like or Dislike again takes it back (a `clear` event: the later event wins, decision 031).

import { $, h, say } from './dom.js';
import { post, downloadGeneration } from './api.js';
import { openViewer } from './viewer.js';
import { RESULT_TYPE } from './slots.js';

const ratioStyle = (ratio) => (ratio && /^\d+:\d+$/.test(ratio) ? ratio.replace(':', ' / ') : '1 / 1');

export class Results {
  /** @param hooks {onTweak(item, text) → sent?, onAnimate(item), videoRegen() → boolean} */
  constructor(hooks) {
    this.hooks = hooks;
    this.items = [];
    this.index = 0;
    this.reactions = new Map(); // generation id → 'like' | 'dislike'
    this.track = $('#track');
    this.carousel = $('#carousel');
    this.status = $('#results-status');
    this.wire();
  }

  wire() {
    $('#prev').addEventListener('click', () => this.go(this.index - 1));
    $('#next').addEventListener('click', () => this.go(this.index + 1));
    this.carousel.addEventListener('keydown', (event) => {
      const moves = { ArrowLeft: -1, ArrowRight: 1, Home: -this.items.length, End: this.items.length };
      if (event.key in moves) {
        event.preventDefault();
        this.go(this.index + moves[event.key]);
      }
    });
    let frame = 0;
    this.track.addEventListener('scroll', () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const width = this.track.clientWidth || 1;
        const index = Math.round(this.track.scrollLeft / width);
        if (index !== this.index && index < this.items.length) this.select(index);
      });
    });
    $('#like').addEventListener('click', () => this.react('like'));
    $('#dislike').addEventListener('click', () => this.react('dislike'));
    $('#download').addEventListener('click', () => this.download());
    $('#block-cancel').addEventListener('click', () => this.toggleBlock(false));
    $('#block-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.sendBlock();
    });
    $('#tweak').addEventListener('click', () => this.toggleTweak());
    $('#tweak-cancel').addEventListener('click', () => this.toggleTweak(false));
    $('#tweak-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.sendTweak();
    });
    $('#animate').addEventListener('click', () => {
      const item = this.current();
      if (item?.status === 'done') this.hooks.onAnimate(item);
    });
  }

  current() {
    return this.items[this.index] ?? null;
  }

  has(id) {
    return this.items.some((item) => item.id === id);
  }

  /** A new creation at the right end (a placeholder while it runs), brought into view. */
  add(item) {
    if (this.has(item.id)) return this.update(item.id, item);
    this.items.push({ ...item });
    this.track.append(this.slide(this.items.at(-1)));
    this.render();
    this.go(this.items.length - 1);
  }

  update(id, changes) {
    const i = this.items.findIndex((item) => item.id === id);
    if (i < 0) return;
    this.items[i] = { ...this.items[i], ...changes };
    this.track.children[i].replaceWith(this.slide(this.items[i]));
    this.render();
  }

  remove(id) {
    const i = this.items.findIndex((item) => item.id === id);
    if (i < 0) return;
    this.items.splice(i, 1);
    this.track.children[i].remove();
    this.index = Math.min(this.index, Math.max(0, this.items.length - 1));
    this.render();
    this.go(this.index, false);
  }

  slide(item) {
    const label = item.mode === 'video' ? 'Video' : 'Still';
    const alt = item.brief ? `${label}: ${item.brief}` : label;
    let media;
    if (item.status !== 'done') {
      media = h('div', { class: 'placeholder' }, h('span', {}, item.mode === 'video' ? 'Animating…' : 'Creating…'));
      media.style.aspectRatio = ratioStyle(item.ratio); // through CSSOM: the page's policy refuses style attributes
    } else {
      const inner = item.mode === 'video'
        ? h('video', { src: item.url, autoplay: true, muted: true, loop: true, playsInline: true, 'aria-hidden': 'true' })
        : h('img', { src: item.url, alt: '', draggable: true });
      media = h('button', { type: 'button', class: 'zoom', 'aria-label': `View full size: ${alt}` }, inner);
      media.addEventListener('click', () => openViewer({ url: item.url, mode: item.mode, alt }));
      media.draggable = true;
      media.addEventListener('dragstart', (event) => {
        event.dataTransfer.setData(RESULT_TYPE, JSON.stringify({ id: item.id, url: item.url, mode: item.mode }));
        event.dataTransfer.setData('text/uri-list', item.url);
        event.dataTransfer.effectAllowed = 'copy';
      });
    }
    return h('figure', { class: 'slide', dataset: { id: item.id, mode: item.mode, status: item.status } },
      h('div', { class: 'frame' }, media),
      h('figcaption', {}, item.brief || item.note || ''));
  }

  go(index, smooth = true) {
    if (!this.items.length) return;
    const target = Math.max(0, Math.min(this.items.length - 1, index));
    this.select(target);
    this.track.scrollTo({ left: target * this.track.clientWidth, behavior: smooth ? 'smooth' : 'auto' });
  }

  select(index) {
    this.index = index;
    this.toggleTweak(false);
    this.toggleBlock(false, false);
    this.render();
  }

  render() {
    const many = this.items.length > 1;
    $('#results-empty').hidden = this.items.length > 0;
    this.carousel.hidden = this.items.length === 0;
    this.carousel.dataset.index = String(this.index);
    this.carousel.dataset.count = String(this.items.length);
    $('#carousel-nav').hidden = !many;
    $('#prev').disabled = this.index === 0;
    $('#next').disabled = this.index >= this.items.length - 1;
    $('#bullets').replaceChildren(...this.items.map((item, i) => {
      const bullet = h('button', { type: 'button', class: 'bullet', 'aria-label': `Show creation ${i + 1} of ${this.items.length}` });
      if (i === this.index) bullet.setAttribute('aria-current', 'true');
      bullet.addEventListener('click', () => this.go(i));
      return bullet;
    }));
    // Slides out of view are inert: not read, not reachable by Tab.
    [...this.track.children].forEach((slide, i) => { slide.inert = i !== this.index; });
    this.renderActions();
  }

  renderActions() {
    const item = this.current();
    const ready = item?.status === 'done';
    const hadFocus = $('#actions').contains(document.activeElement);
    $('#actions').hidden = !ready;
    if (!ready) {
      if (hadFocus) this.carousel.focus();
      return;
    }
    const reaction = this.reactions.get(item.id);
    const like = $('#like');
    like.setAttribute('aria-pressed', String(reaction === 'like'));
    like.textContent = reaction === 'like' ? 'Liked' : 'Like';
    const dislike = $('#dislike');
    dislike.setAttribute('aria-pressed', String(reaction === 'dislike'));
    dislike.textContent = reaction === 'dislike' ? 'Disliked' : 'Dislike';
    // A vectorized result (SVG) can be neither edited again nor animated: the routes refuse it (use the image it was
    // traced from).
    const vector = /\.svg$/i.test(new URL(item.url ?? '', location.href).pathname);
    $('#animate').hidden = item.mode === 'video' || vector;
    $('#edit').hidden = item.mode === 'video' || vector;
    // An edit result has no prompt to tweak (the route refuses it, 409): it can be edited again instead.
    $('#tweak').hidden = item.kind === 'edit';
    $('#tweak').textContent = 'Tweak';
  }

  /** Focus goes to Tweak when it can be seen, else to the carousel (a running creation has no actions). */
  keepFocus() {
    if (!$('#actions').hidden && !$('#tweak').hidden) $('#tweak').focus();
    else this.carousel.focus();
  }

  /** Like or dislike the creation in view; the same button again takes it back. */
  async react(type) {
    const item = this.current();
    if (!item || this.busy) return;
    const before = this.reactions.get(item.id);
    const taken = before === type;
    const sent = taken ? 'clear' : type;
    this.busy = true;
    if (taken) this.reactions.delete(item.id);
    else this.reactions.set(item.id, type);
    this.renderActions();
    try {
      await post(`/api/generations/${encodeURIComponent(item.id)}/events`, { type: sent });
      say(this.status, taken
        ? `${type === 'like' ? 'Like' : 'Dislike'} taken back.`
        : (type === 'like' ? 'Liked. MMA will lean towards this taste.' : 'Disliked. MMA will lean away from it.'));
      this.toggleBlock(!taken && type === 'dislike', false);
    } catch (error) {
      if (before) this.reactions.set(item.id, before);
      else this.reactions.delete(item.id);
      this.renderActions();
      say(this.status, error.detail, 'error');
    } finally {
      this.busy = false;
    }
  }

  toggleBlock(open, focus = true) {
    const form = $('#block-form');
    form.hidden = !open;
    if (open && focus) $('#block-text').focus();
    if (!open) $('#block-text').value = '';
  }

  async sendBlock() {
    const item = this.current();
    const block = $('#block-text').value.trim();
    if (!item || !block) {
      say(this.status, 'Write the word to block first, or press Not now.', 'error');
      $('#block-text').focus();
      return;
    }
    try {
      await post(`/api/generations/${encodeURIComponent(item.id)}/events`, { type: 'dislike', hard_block: block });
      this.reactions.set(item.id, 'dislike');
      this.toggleBlock(false);
      $('#dislike').focus();
      say(this.status, `“${block}” will never be in your prompts again.`);
    } catch (error) {
      say(this.status, error.detail, 'error');
    }
  }

  async download() {
    const item = this.current();
    if (!item) return;
    try {
      const name = await downloadGeneration(item.id);
      say(this.status, `Downloaded ${name}.`);
    } catch (error) {
      say(this.status, error.detail, 'error');
    }
  }

  toggleTweak(open) {
    const form = $('#tweak-form');
    const button = $('#tweak');
    const show = open ?? form.hidden;
    const hadFocus = form.contains(document.activeElement);
    form.hidden = !show;
    button.setAttribute('aria-expanded', String(show));
    if (!show) {
      // Focus never drops to the page: back to Tweak, or to the creation when the actions are gone.
      if (hadFocus) this.keepFocus();
      return;
    }
    const item = this.current();
    const video = item?.mode === 'video';
    const regen = this.hooks.videoRegen();
    $('#tweak-label').textContent = video ? 'Feedback on this video' : 'What should change?';
    $('#tweak-send').textContent = video && !regen ? 'Send feedback' : 'Send tweak';
    $('#tweak-note').textContent = video
      ? (regen ? 'MMA makes a new video from your feedback.' : 'Your feedback is sent to MMA; the video is not made again.')
      : 'MMA rewrites the prompt and makes a new still with the same settings.';
    $('#tweak-text').focus();
  }

  async sendTweak() {
    const item = this.current();
    const text = $('#tweak-text').value.trim();
    if (!item || !text) {
      say(this.status, 'Write what should change first.', 'error');
      $('#tweak-text').focus();
      return;
    }
    const sent = await this.hooks.onTweak(item, text);
    if (sent) {
      $('#tweak-text').value = '';
      this.toggleTweak(false);
    }
  }
}
