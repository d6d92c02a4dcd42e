// One image input of a form (product, logo, an inspiration, the start or end of an animation) and its upload.
// An upload never sticks: past the time 25 MB takes on a slow 4G link it stops and asks to be sent again.

import { ApiError, uploadFile, uploadFromUrl } from './api.js';

const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
// Chrome DevTools' "Slow 4G" profile sends 750 kbit/s upstream; the server then checks and stores the image.
const SLOW_4G_UPLOAD_BITS_PER_SECOND = 750_000;
const SERVER_WORK_MS = 30_000;

/** ≈ 5 min 10 s: the longest a healthy 25 MB upload takes on slow 4G, plus the server's own work. */
export const STALL_MS = Math.ceil((MAX_UPLOAD_BYTES * 8 * 1000) / SLOW_4G_UPLOAD_BITS_PER_SECOND) + SERVER_WORK_MS;

/** A shorter limit can be set for a test or a demo: localStorage['mina.upload_stall_ms']. */
function stallMs() {
  const override = Number(localStorage.getItem('mina.upload_stall_ms'));
  return override > 0 ? override : STALL_MS;
}

const OUR_ASSETS = new URL('/assets/', window.location.href).href;

/** Links to this server's own stored images are used as they are, not imported again. */
export const isOurAsset = (url) => typeof url === 'string' && url.startsWith(OUR_ASSETS);

export class UploadSlot extends EventTarget {
  /**
   * @param kind  the upload kind the server stores it as (product, logo, inspiration, animation)
   * @param label what the person sees ("Product", "Start image"…)
   */
  constructor(kind, label) {
    super();
    this.kind = kind;
    this.label = label;
    this.reset();
  }

  reset() {
    this.controller?.abort();
    this.forgetPreview();
    this.controller = null;
    this.state = 'empty'; // empty · uploading · stalled · ready
    this.url = null;
    this.preview = null;
    this.source = null;
    this.generationId = null;
    this.progress = null;
    this.error = null;
    this.width = null;
    this.height = null;
  }

  clear() {
    this.reset();
    this.changed();
  }

  get filled() {
    return this.state !== 'empty';
  }

  /** An image already stored by this server (a result, or a recreated input). */
  useStored(url, generationId = null) {
    this.reset();
    this.state = 'ready';
    this.url = url;
    this.preview = url;
    this.generationId = generationId;
    this.changed();
  }

  fromFile(file) {
    this.source = { file };
    return this.send();
  }

  fromUrl(url) {
    if (isOurAsset(url)) {
      this.useStored(url);
      return Promise.resolve();
    }
    this.source = { url };
    return this.send();
  }

  /** "Upload image again": the same file or link once more. */
  retry() {
    return this.source ? this.send() : Promise.resolve();
  }

  async send() {
    const source = this.source;
    this.controller?.abort();
    const controller = new AbortController();
    Object.assign(this, { controller, state: 'uploading', url: null, generationId: null, progress: 0, error: null });
    this.forgetPreview();
    this.preview = source.file ? URL.createObjectURL(source.file) : source.url;
    this.changed();
    const timer = setTimeout(() => this.stall(controller), stallMs());
    try {
      const stored = source.file
        ? await uploadFile(source.file, this.kind, { signal: controller.signal, onProgress: (p) => this.moved(controller, p) })
        : await uploadFromUrl(source.url, this.kind, controller.signal);
      if (this.controller !== controller) return;
      this.forgetPreview();
      Object.assign(this, { state: 'ready', url: stored.url, preview: stored.url, progress: 1 });
    } catch (error) {
      if (this.controller !== controller || error.name === 'AbortError') return;
      if (error instanceof ApiError && error.status === 0) {
        this.state = 'stalled'; // the connection dropped: sending it again is the way out
      } else {
        const detail = error.detail ?? error.message;
        this.reset();
        this.error = detail;
      }
    } finally {
      clearTimeout(timer);
      if (this.controller === controller || this.error) this.changed();
    }
  }

  /** A local file's preview lives in memory until it is replaced by the stored image. */
  forgetPreview() {
    if (this.preview?.startsWith('blob:')) URL.revokeObjectURL(this.preview);
  }

  stall(controller) {
    if (this.controller !== controller || this.state !== 'uploading') return;
    this.state = 'stalled';
    this.controller = null;
    controller.abort();
    this.changed();
  }

  moved(controller, progress) {
    if (this.controller !== controller) return;
    this.progress = progress;
    this.changed();
  }

  changed() {
    this.dispatchEvent(new Event('change'));
  }
}
