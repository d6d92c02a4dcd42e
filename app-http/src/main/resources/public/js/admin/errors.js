// Errors: failed generations by provider and failure kind, over 24 hours or 7 days, with refunds; and the Shopify
// refunds whose matcha could not be taken back.

import { $, $$ } from '../dom.js';
import { clear, h, say } from './ui.js';

export class Errors {
  constructor() {
    this.status = $('#errors-status');
    this.window = '24h';
    $$('[data-window]').forEach((button) => button.addEventListener('click', () => {
      this.window = button.dataset.window;
      $$('[data-window]').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
      this.open();
    }));
  }

  open() {
    clear($('#errors-report'));
    say(this.status, 'The errors report is not available on this server yet.');
  }
}

export { h };
