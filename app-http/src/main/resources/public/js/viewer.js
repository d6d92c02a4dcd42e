// Full-size view of an image or a video, in a modal dialog (Escape or Close ends it; focus returns).

import { $, h } from './dom.js';

export function openViewer({ url, mode, alt }) {
  const dialog = $('#viewer');
  const media = $('#viewer-media');
  media.replaceChildren(mode === 'video'
    ? h('video', { src: url, controls: true, autoplay: true, loop: true, playsInline: true, muted: true, 'aria-label': alt })
    : h('img', { src: url, alt }));
  dialog.showModal();
}

export function installViewer() {
  const dialog = $('#viewer');
  dialog.addEventListener('close', () => $('#viewer-media').replaceChildren());
  // A click on the dark backdrop (outside the media) closes it too.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
}
