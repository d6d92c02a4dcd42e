// The editor on a result (issue 23.6): pick a tool, paint a mask for eraser and inpaint (brush size, undo, clear),
// a prompt for inpaint, the target aspect for expand, ×2/×4 for upscale; the price and the tool pool; before/after.
// The mask is sent as the user's own upload (POST /api/uploads) and passed as mask_url to
// POST /api/generations/{id}/edits, which answers 202 like a create; the run is followed like any generation.
// A vectorized result is an SVG shown as <img> (never inlined: its scripts could not run, decision 042).

import { $, h, say } from './dom.js';
import { ApiError, get, post, requestId, uploadFile } from './api.js';
import { account, needMatcha } from './account.js';
import { follow } from './live.js';
import { paint } from './buttons.js';

/** Pool units: a matcha is 2520 of them (every configured price p/q has q dividing 2520). */
const UNITS = 2520;

export const TOOLS = {
  eraser: { name: 'Eraser', verb: 'Erase', running: 'Erasing…', mask: true },
  inpaint: {
    name: 'Inpaint', verb: 'Fill', running: 'Filling…', mask: true, prompt: true,
    ask: 'What should fill the painted area?',
  },
  // Expand takes an optional guide for the new border (the route's prompt).
  expand: {
    name: 'Expand', verb: 'Expand', running: 'Expanding…', aspect: true, guide: true,
    ask: 'What should the new border show?',
  },
  'remove-background': { name: 'Remove background', verb: 'Remove background', running: 'Removing background…' },
  upscale: { name: 'Upscale', verb: 'Upscale', running: 'Upscaling…', scale: true },
  vectorize: { name: 'Vectorize', verb: 'Vectorize', running: 'Vectorizing…' },
};

const GLYPHS = { '1/2': '½', '1/3': '⅓', '2/3': '⅔', '1/4': '¼', '3/4': '¾', '1/5': '⅕', '2/5': '⅖', '3/5': '⅗', '4/5': '⅘', '1/6': '⅙', '1/8': '⅛', '1/10': '⅒' };
const gcd = (a, b) => (b ? gcd(b, a % b) : a);

/** "1/2" → 1260 units; a number of matcha too; null when unknown. */
export function units(price) {
  if (price == null) return null;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(String(price));
  if (m) return Math.round((Number(m[1]) * UNITS) / Number(m[2]));
  const n = Number(price);
  return Number.isFinite(n) ? Math.round(n * UNITS) : null;
}

/** 1260 → "½", 756 → "⅗", 3780 → "1½"… as matcha. */
export function matcha(u) {
  if (u == null) return '?';
  const whole = Math.floor(u / UNITS);
  const rest = u % UNITS;
  if (!rest) return String(whole);
  const d = gcd(rest, UNITS);
  const frac = `${rest / d}/${UNITS / d}`;
  return `${whole || ''}${GLYPHS[frac] ?? (whole ? ` ${frac}` : frac)}`;
}

/** Erase · Uploading… · Erasing… · Paint the area first · Write what to fill · I need matcha · Error → Retry. */
export function editButton({ tool, running, uploading, strokes, prompt, price, pool, available, expired, failed }) {
  const t = TOOLS[tool];
  // `running` is the tool of the run under way: its label stays while another tool is picked meanwhile.
  if (running) return { label: TOOLS[running].running, action: null, busy: true };
  if (uploading) return { label: 'Uploading…', action: null, busy: true };
  if (t.mask && !strokes) return { label: 'Paint the area first', action: 'need-mask' };
  if (t.prompt && !prompt) return { label: 'Write what to fill', action: 'need-prompt' };
  // Expired matcha cannot draw the pool either (decision 042).
  if (price != null && (expired || (pool < price && available < 1))) return { label: 'I need matcha', action: 'matcha' };
  if (failed) return { label: 'Retry', action: 'run' };
  return { label: t.verb, action: 'run' };
}

export class Editor {
  /** @param results the carousel: an edit's result is appended to it like any creation */
  constructor(results) {
    this.results = results;
    this.source = null; // the result being edited {id, url, ratio}
    this.tool = 'eraser';
    this.strokes = [];
    this.stroke = null;
    this.running = null; // {id, tool} of the run under way
    this.uploading = false;
    this.failed = null;
    this.pool = null; // units, when the server told us
    this.stop = null;
    this.canvas = $('#editor-mask');
    this.wire();
    account.onChange(() => this.render());
  }

  wire() {
    $('#edit').addEventListener('click', () => this.toggle());
    $('#editor-close').addEventListener('click', () => this.toggle(false));
    $('#editor-tools').addEventListener('change', (event) => {
      this.tool = event.target.value;
      this.failed = null;
      this.render();
    });
    $('#editor-prompt').addEventListener('input', () => this.render());
    $('#editor-brush').addEventListener('input', () => {
      $('#editor-brush-value').textContent = `${$('#editor-brush').value} px`;
    });
    $('#editor-undo').addEventListener('click', () => {
      this.strokes.pop();
      this.draw();
    });
    $('#editor-clear').addEventListener('click', () => {
      this.strokes = [];
      this.draw();
    });
    $('#editor-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.act();
    });
    const c = this.canvas;
    c.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      c.setPointerCapture?.(event.pointerId);
      this.stroke = { size: this.brushSize(), points: [this.point(event)] };
      this.strokes.push(this.stroke);
      this.draw();
    });
    c.addEventListener('pointermove', (event) => {
      if (!this.stroke) return;
      this.stroke.points.push(this.point(event));
      this.draw();
    });
    const end = () => {
      this.stroke = null;
    };
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
  }

  /** Brush size in image pixels (the slider speaks screen pixels over the image as shown). */
  brushSize() {
    const scale = this.canvas.width / (this.canvas.getBoundingClientRect().width || this.canvas.width);
    return Number($('#editor-brush').value) * scale;
  }

  point(event) {
    const box = this.canvas.getBoundingClientRect();
    return [
      ((event.clientX - box.left) / box.width) * this.canvas.width,
      ((event.clientY - box.top) / box.height) * this.canvas.height,
    ];
  }

  /** The strokes on a context: round lines, in one colour. */
  static trace(ctx, strokes, colour) {
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const s of strokes) {
      ctx.lineWidth = s.size;
      ctx.beginPath();
      const [x0, y0] = s.points[0];
      if (s.points.length === 1) {
        ctx.arc(x0, y0, s.size / 2, 0, Math.PI * 2);
        ctx.fill();
        continue;
      }
      ctx.moveTo(x0, y0);
      for (const [x, y] of s.points.slice(1)) ctx.lineTo(x, y);
      ctx.stroke();
    }
  }

  draw() {
    const ctx = this.canvas.getContext('2d');
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    Editor.trace(ctx, this.strokes, 'rgba(226, 61, 40, 0.55)');
    this.canvas.dataset.strokes = String(this.strokes.length);
    this.render();
  }

  /** The mask as the tools read it: white where painted, black elsewhere, at the image's own size. */
  maskBlob() {
    const mask = document.createElement('canvas');
    mask.width = this.canvas.width;
    mask.height = this.canvas.height;
    const ctx = mask.getContext('2d');
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, mask.width, mask.height);
    Editor.trace(ctx, this.strokes, '#fff');
    return new Promise((resolve) => mask.toBlob(resolve, 'image/png'));
  }

  toggle(open) {
    const panel = $('#editor');
    // Edit on another creation (the carousel moved, e.g. to an edit's result) edits that one instead of closing.
    const show = open ?? (panel.hidden || this.results.current()?.id !== this.source?.id);
    const hadFocus = panel.contains(document.activeElement);
    if (show) {
      const item = this.results.current();
      if (!item || item.status !== 'done' || item.mode === 'video' || $('#edit').hidden) return;
      if (this.source?.id !== item.id) this.load(item);
    }
    panel.hidden = !show;
    $('#edit').setAttribute('aria-expanded', String(show));
    if (show) $('#editor-tools input:checked')?.focus();
    else if (hadFocus) $('#edit').focus();
  }

  /** A new source: its image under the mask canvas, the canvas at the image's natural size, no strokes. */
  load(item) {
    this.source = { id: item.id, url: item.url, ratio: item.ratio };
    this.strokes = [];
    this.failed = null;
    const image = $('#editor-image');
    image.onload = () => {
      this.canvas.width = image.naturalWidth;
      this.canvas.height = image.naturalHeight;
      this.draw();
    };
    image.src = item.url;
    image.alt = 'The image to edit';
    $('#editor-compare').hidden = true;
    say($('#editor-status'), '');
    this.draw();
  }

  state() {
    const prices = account.me?.edit?.prices ?? {};
    const pool = this.pool ?? units(account.me?.edit?.pool) ?? 0;
    return {
      tool: this.tool, running: this.running?.tool ?? null, uploading: this.uploading, strokes: this.strokes.length,
      prompt: $('#editor-prompt').value.trim(), price: units(prices[this.tool]), pool,
      available: account.available(), expired: Boolean(account.me?.expired), failed: this.failed,
    };
  }

  render() {
    const t = TOOLS[this.tool];
    const s = this.state();
    $('#editor-mask-tools').hidden = !t.mask;
    $('#editor-stage').classList.toggle('painting', Boolean(t.mask));
    $('#editor-prompt-row').hidden = !(t.prompt || t.guide);
    if (t.ask) {
      $('#editor-prompt-label').textContent = t.ask;
      $('#editor-prompt-optional').hidden = !t.guide;
    }
    $('#editor-aspect-row').hidden = !t.aspect;
    $('#editor-scale-row').hidden = !t.scale;
    $('#editor-undo').disabled = !this.strokes.length;
    $('#editor-clear').disabled = !this.strokes.length;
    const prices = account.me?.edit?.prices ?? {};
    for (const input of document.querySelectorAll('#editor-tools input')) {
      const price = $(`#editor-tools label[for='${input.id}'] .price`);
      if (price) price.textContent = prices[input.value] ? matcha(units(prices[input.value])) : '';
    }
    const price = s.price == null ? 'Price: not known yet.' : `${t.name} costs ${matcha(s.price)} matcha`;
    const pool = `${matcha(s.pool)} matcha in your tool pool`;
    const topUp = s.price != null && s.pool < s.price ? ' (1 matcha moves from your balance into the pool first)' : '';
    $('#editor-price').textContent = s.price == null ? price : `${price} · ${pool}${topUp}.`;
    paint($('#editor-go'), editButton(s));
  }

  async act() {
    const action = $('#editor-go').dataset.action;
    const status = $('#editor-status');
    if (action === 'need-mask') return say(status, 'Paint over what should change first.', 'error');
    if (action === 'need-prompt') {
      $('#editor-prompt').focus();
      return say(status, 'Write what should fill the painted area.', 'error');
    }
    if (action === 'matcha') {
      const sentence = needMatcha();
      if (sentence) say(status, sentence, 'error');
      return;
    }
    if (action === 'run') await this.run();
  }

  async run() {
    const source = this.source;
    const tool = this.tool;
    const t = TOOLS[tool];
    const status = $('#editor-status');
    const body = { tool, request_id: requestId() };
    this.failed = null;
    try {
      if (t.mask) {
        this.uploading = true;
        this.render();
        const blob = await this.maskBlob();
        const upload = await uploadFile(new File([blob], 'mask.png', { type: 'image/png' }), 'inspiration');
        body.mask_url = upload.url;
        this.uploading = false;
      }
      const prompt = $('#editor-prompt').value.trim();
      if (t.prompt || (t.guide && prompt)) body.prompt = prompt;
      if (t.aspect) body.aspect_ratio = $('#editor-aspect').value;
      if (t.scale) body.scale = Number(document.querySelector("input[name='editor-scale']:checked").value);
      const reply = await post(`/api/generations/${encodeURIComponent(source.id)}/edits`, body);
      account.setCredits(reply.credits_left);
      if (reply.tool_pool != null) this.pool = units(reply.tool_pool);
      this.running = { id: reply.generation_id, tool };
      this.render();
      say(status, `${t.running} The result appears next to the original.`);
      const ratio = t.aspect ? body.aspect_ratio : source.ratio;
      this.stop = follow(reply.generation_id, {
        onLine: () => {},
        onDone: (done) => this.finished(source, tool, reply.generation_id, ratio, done),
      });
    } catch (error) {
      this.uploading = false;
      this.failed = error.detail ?? String(error);
      if (error instanceof ApiError && error.status === 402) account.setCredits(error.problem.balance ?? 0);
      say(status, this.failed, 'error');
      this.render();
    }
  }

  async finished(source, tool, id, ratio, done) {
    const status = $('#editor-status');
    const t = TOOLS[tool];
    this.running = null;
    this.pool = null; // the server's word from now on (GET /api/me)
    if (done.status === 'done') {
      let url = done.output_url;
      try {
        url = (await get(`/api/generations/${encodeURIComponent(id)}`)).output_url || url;
      } catch {
        // the stream's URL is good enough
      }
      // The editor may have moved to another creation meanwhile: before/after only for the one still shown.
      if (this.source?.id === source.id) this.compare(source, tool, id, url);
      this.results.add({ id, mode: 'still', kind: 'edit', status: 'done', url, ratio, brief: `${t.name}: edited` });
      say(status, `${t.name}: done. Before and after are below.`);
    } else {
      this.failed = done.error || 'The tool could not finish.';
      say(status, `That did not work: ${this.failed} Its share went back to your tool pool. Press Retry to try again.`, 'error');
    }
    await account.refresh().catch(() => {});
    this.render();
  }

  /** Before and after, side by side; both are <img>, an SVG too. */
  compare(source, tool, id, url) {
    $('#editor-before').replaceChildren(h('img', { src: source.url, alt: 'Before' }));
    $('#editor-after').replaceChildren(h('img', { src: url, alt: `After: ${TOOLS[tool].name}` }));
    $('#editor-compare').dataset.id = id;
    $('#editor-compare').dataset.tool = tool;
    $('#editor-compare').hidden = false;
    // The result is below the image and its options: brought into view, as a new creation is in the carousel.
    $('#editor-compare').scrollIntoView({ block: 'nearest' });
  }
}
