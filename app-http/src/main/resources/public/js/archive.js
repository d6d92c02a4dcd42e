// The archive (spec §9.3): every creation, newest first, loaded page by page as the list scrolls; filters by
// kind and likes; per item a preview, a download, its settings, and Recreate.

import { $, h, say, formatDateTime } from './dom.js';
import { get, post } from './api.js';
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
      const download = h('a', { class: 'button small link', href: item.preview_url,
        download: `mina-${item.generation_id.replace(/^generation:/, '')}.${video ? 'mp4' : 'png'}` }, 'Download');
      download.addEventListener('click', () => post(`/api/generations/${encodeURIComponent(item.generation_id)}/events`,
        { type: 'download' }, { keepalive: true }).catch(() => {}));
      actions.unshift(download);
    }
    return h('li', { class: 'card', dataset: { id: item.generation_id, mode: item.mode } },
      preview,
      h('div', { class: 'card-body' },
        h('p', { class: 'kicker' }, `${video ? 'Video' : 'Still'} · ${formatDateTime(item.created_at)}`),
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
  if (settings.quality) rows.push(['Quality', settings.quality]);
  if (settings.duration) rows.push(['Length', `${settings.duration} seconds`]);
  if (item.prompt) rows.push(['Prompt', item.prompt]);
  if (item.provider) rows.push(['Made with', [item.provider, item.model].filter(Boolean).join(' · ')]);
  return rows;
}
