// The archive (spec §9.3): every creation, newest first, loaded page by page as the list scrolls; filters by
// kind, likes and dates; per item a preview, a download, its settings (with its input images), Recreate and Hide.

import { $, h, say, formatDateTime } from './dom.js';
import { get, del, downloadGeneration } from './api.js';
import { openViewer } from './viewer.js';

const PAGE = 12;

export class Archive {
  /** @param onRecreate receives GET /api/generations/{id}/recreate */
  constructor(onRecreate) {
    this.onRecreate = onRecreate;
    this.grid = $('#archive-grid');
    this.end = $('#archive-end');
    this.cursor = null;
    this.done = false;
    this.loading = false;
    this.generation = 0;
    $('#archive-filters').addEventListener('change', () => this.reload());
    $('#archive-filters').addEventListener('submit', (event) => event.preventDefault());
    $('#f-clear-dates').addEventListener('click', () => {
      $('#f-from').value = '';
      $('#f-to').value = '';
      this.reload();
    });
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) this.more();
    }, { rootMargin: '600px 0px' });
    this.observer.observe($('#archive-sentinel'));
  }

  query() {
    const params = new URLSearchParams({ limit: String(PAGE) });
    const mode = $('#archive-filters').querySelector('input[name="mode"]:checked')?.value;
    if (mode) params.set('mode', mode);
    if ($('#f-liked').checked) params.set('liked', 'true');
    // Dates are the viewer's own days: from the start of "from" to the end of "to", in local time.
    const from = $('#f-from').value;
    const to = $('#f-to').value;
    if (from) params.set('from', new Date(`${from}T00:00:00`).toISOString());
    if (to) {
      const end = new Date(`${to}T00:00:00`);
      end.setDate(end.getDate() + 1);
      params.set('to', end.toISOString());
    }
    if (this.cursor) params.set('cursor', this.cursor);
    return params;
  }

  reload() {
    this.generation += 1;
    this.cursor = null;
    this.done = false;
    this.loading = false;
    this.grid.replaceChildren();
    say(this.end, '');
    this.more();
  }

  async more() {
    if (this.loading || this.done || $('#view-archive').hidden) return;
    this.loading = true;
    const generation = this.generation;
    say(this.end, 'Loading…');
    try {
      const page = await get(`/api/archive?${this.query()}`);
      if (generation !== this.generation) return;
      this.grid.append(...page.items.map((item) => this.card(item)));
      this.cursor = page.next_cursor;
      this.done = !page.next_cursor;
      const count = this.grid.children.length;
      say(this.end, this.done ? (count ? 'That is everything.' : 'Nothing here yet.') : '');
    } catch (error) {
      if (generation === this.generation) say(this.end, error.detail, 'error');
    } finally {
      if (generation === this.generation) this.loading = false;
    }
    // A short first page may leave the sentinel in view: keep going until it is not.
    if (!this.done && generation === this.generation) {
      const sentinel = $('#archive-sentinel').getBoundingClientRect();
      if (sentinel.top < window.innerHeight + 600) this.more();
    }
  }

  card(item) {
    const video = item.mode === 'video';
    const title = item.brief || item.prompt || (video ? 'Video' : 'Still');
    const finished = item.status === 'done' && item.preview_url;
    let preview;
    if (finished) {
      const media = video
        ? h('video', { src: item.preview_url, muted: true, loop: true, playsInline: true, preload: 'metadata', 'aria-hidden': 'true' })
        : h('img', { src: item.preview_url, alt: '', loading: 'lazy' });
      preview = h('button', { type: 'button', class: 'preview', 'aria-label': `Preview: ${title}` }, media);
      preview.addEventListener('click', () => openViewer({ url: item.preview_url, mode: item.mode, alt: title }));
      if (video) {
        preview.addEventListener('mouseenter', () => media.play().catch(() => {}));
        preview.addEventListener('mouseleave', () => media.pause());
      }
    } else {
      preview = h('div', { class: 'preview pending' },
        h('span', {}, item.status === 'error' ? 'Did not work · refunded' : 'Still working…'));
    }
    const settings = h('dl', { class: 'settings', hidden: true, id: `settings-${item.generation_id.replace(/\W/g, '-')}` },
      ...facts(item).map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
    const inputs = inputImages(item);
    if (inputs.length) {
      settings.append(h('div', {}, h('dt', {}, 'Images'),
        h('dd', { class: 'inputs' }, inputs.map(([label, url]) => h('img', { src: url, alt: label, loading: 'lazy' })))));
    }
    const toggle = h('button', { type: 'button', class: 'button small link', 'aria-expanded': 'false', 'aria-controls': settings.id },
      'Settings');
    toggle.addEventListener('click', () => {
      settings.hidden = !settings.hidden;
      toggle.setAttribute('aria-expanded', String(!settings.hidden));
    });
    const recreate = h('button', { type: 'button', class: 'button small secondary' }, 'Recreate');
    recreate.addEventListener('click', async () => {
      try {
        this.onRecreate(await get(`/api/generations/${encodeURIComponent(item.generation_id)}/recreate`));
      } catch (error) {
        say(this.end, error.detail, 'error');
      }
    });
    const actions = [toggle, recreate];
    if (finished) {
      const download = h('button', { type: 'button', class: 'button small link' }, 'Download');
      download.addEventListener('click', async () => {
        try {
          say(this.end, `Downloaded ${await downloadGeneration(item.generation_id)}.`);
        } catch (error) {
          say(this.end, error.detail, 'error');
        }
      });
      actions.unshift(download);
    }
    // Hide asks once more on the same button; hidden ones leave the archive (the ledger keeps its rows).
    const hide = h('button', { type: 'button', class: 'button small link', 'aria-label': `Hide: ${title}` }, 'Hide');
    hide.addEventListener('click', async () => {
      if (hide.dataset.confirm !== 'yes') {
        hide.dataset.confirm = 'yes';
        hide.textContent = 'Hide for good?';
        hide.setAttribute('aria-label', `Hide for good: ${title}`);
        return;
      }
      try {
        await del(`/api/generations/${encodeURIComponent(item.generation_id)}`);
        const card = hide.closest('li');
        const next = card.nextElementSibling ?? card.previousElementSibling;
        card.remove();
        say(this.end, 'Hidden. It is gone from your archive.');
        (next?.querySelector('button') ?? $('#archive-title')).focus();
      } catch (error) {
        say(this.end, error.detail, 'error');
      }
    });
    actions.splice(actions.indexOf(recreate), 0, hide);
    return h('li', { class: 'card', dataset: { id: item.generation_id, mode: item.mode } },
      preview,
      h('div', { class: 'card-body' },
        h('p', { class: 'kicker' }, `${video ? 'Video' : 'Still'} · ${formatDateTime(item.created_at)}`,
          item.liked ? h('span', { class: 'badge' }, 'Liked') : null,
          item.disliked ? h('span', { class: 'badge down' }, 'Disliked') : null),
        h('p', { class: 'card-title' }, title),
        h('div', { class: 'card-actions' }, actions),
        settings));
  }
}

function facts(item) {
  const settings = item.settings ?? {};
  const rows = [
    ['Brief', item.brief || '–'],
    ['Style', item.style || 'None'],
    ['Aspect ratio', item.aspect_ratio || settings.aspect_ratio || '–'],
  ];
  if (item.feedback) rows.push(['Feedback', item.feedback]);
  if (settings.quality) rows.push(['Quality', settings.quality]);
  if (settings.duration) rows.push(['Length', `${settings.duration} seconds`]);
  if (item.prompt) rows.push(['Prompt', item.prompt]);
  if (item.provider) rows.push(['Made with', [item.provider, item.model].filter(Boolean).join(' · ')]);
  return rows;
}

/** The images it was made from, as [label, url]: product, logo, inspirations; a video's start and end frames. */
function inputImages(item) {
  const assets = item.assets ?? {};
  const out = [];
  if (assets.product_url) out.push(['Product image', assets.product_url]);
  if (assets.logo_url) out.push(['Logo', assets.logo_url]);
  (assets.inspiration_urls ?? []).forEach((url, i) => out.push([`Inspiration ${i + 1}`, url]));
  if (assets.start_image_url) out.push(['Start frame', assets.start_image_url]);
  if (assets.end_image_url) out.push(['End frame', assets.end_image_url]);
  return out;
}
