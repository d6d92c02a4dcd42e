// Preferences (Profile; spec §12.4, decision 031): the hard blocks MMA keeps out of every prompt and the tag
// weights it leans by, edited here and saved with PUT /api/preferences; beside them, read-only, what the next
// prompt learned from the current likes, dislikes and downloads (GET /api/preferences).

import { $, h, say } from './dom.js';
import { get, put } from './api.js';

export class Preferences {
  constructor() {
    this.blocks = [];
    this.weights = [];
    $('#prefs-block-add').addEventListener('click', () => this.addBlock());
    $('#prefs-block-new').addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.addBlock();
      }
    });
    $('#prefs-weight-add').addEventListener('click', () => this.addWeight());
    $('#prefs-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.save();
    });
  }

  async load() {
    try {
      const taste = await get('/api/preferences');
      this.blocks = [...taste.hard_blocks];
      this.weights = Object.entries(taste.tag_weights);
      this.render();
      this.renderLearned(taste.learned);
    } catch (error) {
      say($('#prefs-status'), error.detail, 'error');
    }
  }

  render() {
    const blocks = $('#prefs-blocks');
    blocks.replaceChildren(...(this.blocks.length ? this.blocks.map((block, i) => {
      const remove = h('button', { type: 'button', class: 'tag-remove', 'aria-label': `Remove hard block ${block}` }, '×');
      remove.addEventListener('click', () => {
        this.blocks.splice(i, 1);
        this.render();
        $('#prefs-block-new').focus();
      });
      return h('li', {}, block, remove);
    }) : [h('li', { class: 'empty-line' }, 'No hard blocks yet.')]));
    const weights = $('#prefs-weights');
    weights.replaceChildren(...(this.weights.length ? this.weights.map(([tag, weight], i) => {
      const id = `prefs-w-${i}`;
      const input = h('input', { type: 'number', id, min: '-10', max: '10', step: '0.5', value: String(weight) });
      input.addEventListener('change', () => { this.weights[i][1] = Number(input.value); });
      const remove = h('button', { type: 'button', class: 'tag-remove', 'aria-label': `Remove tag ${tag}` }, '×');
      remove.addEventListener('click', () => {
        this.weights.splice(i, 1);
        this.render();
        $('#prefs-tag-new').focus();
      });
      return h('li', {}, h('label', { for: id }, tag), input, remove);
    }) : [h('li', { class: 'empty-line' }, 'No tag weights yet.')]));
  }

  renderLearned(learned) {
    const entries = Object.entries(learned ?? {});
    $('#prefs-learned').replaceChildren(...(entries.length
      ? entries.map(([tag, weight]) => h('li', { class: 'plain' }, `${tag} ${weight > 0 ? '+' : ''}${weight}`))
      : [h('li', { class: 'empty-line' }, 'Nothing yet: like, dislike or download a few creations.')]));
  }

  addBlock() {
    const input = $('#prefs-block-new');
    const block = input.value.trim().toLowerCase();
    if (!block) return;
    if (!this.blocks.includes(block)) this.blocks.push(block);
    input.value = '';
    this.render();
    input.focus();
  }

  addWeight() {
    const tag = $('#prefs-tag-new').value.trim().toLowerCase();
    const weight = Number($('#prefs-weight-new').value);
    if (!tag) {
      say($('#prefs-status'), 'Write a tag first.', 'error');
      $('#prefs-tag-new').focus();
      return;
    }
    const existing = this.weights.find(([t]) => t === tag);
    if (existing) existing[1] = weight;
    else this.weights.push([tag, weight]);
    $('#prefs-tag-new').value = '';
    this.render();
    $('#prefs-tag-new').focus();
  }

  async save() {
    const status = $('#prefs-status');
    try {
      const saved = await put('/api/preferences', {
        hard_blocks: this.blocks,
        tag_weights: Object.fromEntries(this.weights),
      });
      this.blocks = [...saved.hard_blocks];
      this.weights = Object.entries(saved.tag_weights);
      this.render();
      say(status, 'Saved. Your next creation uses them.');
      const taste = await get('/api/preferences');
      this.renderLearned(taste.learned);
    } catch (error) {
      say(status, error.detail, 'error');
    }
  }
}
