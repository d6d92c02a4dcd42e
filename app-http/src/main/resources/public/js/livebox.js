// The text area of a form while MMA works: its lines replace the text in the same box, then the text returns.

import { h } from './dom.js';

export class LiveBox {
  constructor(box, textarea, list) {
    this.box = box;
    this.textarea = textarea;
    this.list = list;
  }

  start() {
    this.list.replaceChildren();
    this.list.hidden = false;
    this.box.classList.add('live');
    this.textarea.readOnly = true;
  }

  line(text) {
    this.list.append(h('li', {}, text));
    this.list.scrollTop = this.list.scrollHeight;
  }

  /** The last line MMA wrote (shown under the result), or ''. */
  last() {
    return this.list.lastElementChild?.textContent ?? '';
  }

  end() {
    this.list.hidden = true;
    this.box.classList.remove('live');
    this.textarea.readOnly = false;
  }
}
