// Style references (issue 24.3): the published presets (with their thumbnails) and my own styles, several at once
// up to the server's limit; none chosen is None. "Save as my style" keeps my uploaded inspiration images as a style.

import { $, h, say, plural } from './dom.js';
import { api, get, post } from './api.js';

export class StylePicker {
  /**
   * @param root    the fieldset the picker fills
   * @param status  where refusals are said
   * @param images  () => the URLs of my uploaded images a new style would be made of
   */
  constructor(root, { status, images }) {
    this.root = root;
    this.status = status;
    this.images = images;
    this.max = 3;
    this.maxImages = 3;
    this.presets = [];
    this.mine = [];
    this.selected = [];
    this.loadedFor = null;
    this.build();
  }

  build() {
    this.summary = h('p', { class: 'style-summary', id: 'style-summary' });
    this.grid = h('div', { class: 'style-grid', id: 'style-grid' });
    this.name = h('input', { id: 'style-name', type: 'text', maxlength: 40, autocomplete: 'off', placeholder: 'e.g. Linen mornings' });
    this.saveButton = h('button', { class: 'button small', type: 'button', id: 'style-save', onclick: () => this.save() }, 'Save as my style');
    this.saveHint = h('p', { class: 'hint', id: 'style-save-hint' });
    this.root.replaceChildren(
      h('legend', {}, 'Style ', h('span', { class: 'optional' }, 'optional')),
      this.summary,
      this.grid,
      h('div', { class: 'style-save' },
        h('label', { for: 'style-name' }, 'Name a style made of your inspiration images'),
        h('div', { class: 'link-row' }, this.name, this.saveButton),
        this.saveHint),
    );
    this.render();
  }

  /** Loads the styles for the signed-in person (again when someone else signs in). */
  async load(passId) {
    if (this.loadedFor === passId) return;
    this.loadedFor = passId;
    try {
      const styles = await get('/api/styles');
      this.max = styles.max_per_still;
      this.maxImages = styles.max_images_per_style;
      this.presets = styles.presets;
      this.mine = styles.mine;
      this.selected = this.selected.filter((id) => this.known(id));
    } catch (error) {
      this.loadedFor = null;
      say(this.status, error.detail, 'error');
    }
    this.render();
  }

  known(id) {
    return this.presets.some((s) => s.id === id) || this.mine.some((s) => s.id === id);
  }

  /** The chosen style ids, in the order they were chosen (empty: None). */
  chosen() {
    return [...this.selected];
  }

  /** Chooses exactly these styles (a recreated still); ids no longer offered are left out. */
  select(ids) {
    // Before the styles are loaded every id is kept; load() then leaves out those no longer offered.
    const loaded = this.presets.length > 0 || this.mine.length > 0;
    this.selected = (ids ?? []).filter((id) => !loaded || this.known(id)).slice(0, this.max);
    this.render();
  }

  toggle(id, on) {
    this.selected = this.selected.filter((chosen) => chosen !== id);
    if (on && this.selected.length < this.max) this.selected.push(id);
    this.render();
  }

  render() {
    const full = this.selected.length >= this.max;
    const names = this.selected.map((id) => [...this.presets, ...this.mine].find((s) => s.id === id)?.name ?? id);
    this.summary.textContent = names.length
      ? `${names.join(' + ')} · ${names.length} of ${this.max}`
      : `None · choose up to ${plural(this.max, 'style')}`;
    const option = (style, own) => {
      const id = `style-${style.id}`;
      const checked = this.selected.includes(style.id);
      const thumb = own ? style.reference_urls[0] : style.hero_url;
      return h('div', { class: `style-option${own ? ' own' : ''}`, dataset: { styleId: style.id } },
        h('input', {
          type: 'checkbox', id, value: style.id, checked,
          disabled: full && !checked,
          onchange: (event) => this.toggle(style.id, event.target.checked),
        }),
        h('label', { for: id },
          h('img', { src: thumb, alt: '', width: 72, height: 72, loading: 'lazy', decoding: 'async' }),
          h('span', { class: 'style-name' }, style.name)),
        own ? h('button', {
          type: 'button', class: 'style-delete', 'aria-label': `Delete my style ${style.name}`,
          onclick: () => this.remove(style),
        }, '×') : null);
    };
    // Re-rendering replaces the options: the one that had focus gets it back (focus never drops to the page).
    const focused = this.grid.contains(document.activeElement) ? document.activeElement.id : null;
    this.grid.replaceChildren(
      ...this.presets.map((style) => option(style, false)),
      ...this.mine.map((style) => option(style, true)),
    );
    if (focused) document.getElementById(focused)?.focus();
    const images = this.images();
    this.saveButton.disabled = images.length === 0;
    this.saveHint.textContent = images.length
      ? `Saves your ${plural(Math.min(images.length, this.maxImages), 'uploaded inspiration image')} as a style you can pick again.`
      : 'Upload inspiration images first, then save them as your own style.';
  }

  async save() {
    const name = this.name.value.trim();
    if (!name) {
      say(this.status, 'Give your style a name first.', 'error');
      this.name.focus();
      return;
    }
    try {
      const saved = await post('/api/styles', { name, image_urls: this.images().slice(0, this.maxImages) });
      this.mine = [...this.mine, saved];
      this.name.value = '';
      if (this.selected.length < this.max) this.selected.push(saved.id);
      say(this.status, `Saved “${saved.name}” as your style.`);
      this.render();
      $(`#style-${CSS.escape(saved.id)}`)?.focus();
    } catch (error) {
      say(this.status, error.detail, 'error');
    }
  }

  async remove(style) {
    try {
      await api('DELETE', `/api/styles/${encodeURIComponent(style.id)}`);
      this.mine = this.mine.filter((s) => s.id !== style.id);
      this.selected = this.selected.filter((id) => id !== style.id);
      say(this.status, `Deleted your style “${style.name}”.`);
      this.render();
      this.name.focus();
    } catch (error) {
      say(this.status, error.detail, 'error');
    }
  }
}
