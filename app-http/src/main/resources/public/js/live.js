// A running generation: MMA's lines over Server-Sent Events, replayed from the start after a page refresh
// (the id is remembered in localStorage), with a slow poll when the stream cannot be opened.

import { get, post } from './api.js';

const TERMINAL = new Set(['done', 'error']);
const POLL_MS = 2000;

const key = (passId) => `mina.running.${passId}`;

/** The generations a person was waiting for, by mode: {still: {id, kind}, video: {id, kind}}. */
export function remembered(passId) {
  try {
    return JSON.parse(localStorage.getItem(key(passId))) ?? {};
  } catch {
    return {};
  }
}

export function remember(passId, mode, job) {
  const all = remembered(passId);
  if (job) all[mode] = job;
  else delete all[mode];
  localStorage.setItem(key(passId), JSON.stringify(all));
}

export function forgetAll() {
  Object.keys(localStorage).filter((k) => k.startsWith('mina.running.')).forEach((k) => localStorage.removeItem(k));
}

/**
 * Follows one generation until it ends. Calls onLine({seq, text}) for each line once, in order, and
 * onDone({status, output_url, error, generation_id}) once. Returns a function that stops following.
 */
export function follow(id, { onLine, onDone }) {
  let lastSeq = 0;
  let finished = false;
  let timer = null;
  const line = (seq, text) => {
    if (seq > lastSeq) {
      lastSeq = seq;
      onLine({ seq, text });
    }
  };
  const finish = (data) => {
    if (finished) return;
    finished = true;
    stop();
    onDone(data);
  };
  const path = `/api/generations/${encodeURIComponent(id)}/stream`;
  let source = null;
  let opened = 0;
  // EventSource cannot send headers: the stream opens with a ticket for this generation, valid 60 s (decision 016).
  // When the browser gives up (e.g. it reconnected with an expired ticket), a new ticket opens it again, twice at most.
  async function open() {
    opened += 1;
    let reply;
    try {
      reply = await post(`${path}-ticket`);
    } catch {
      if (!finished && !timer) poll();
      return;
    }
    if (finished) return;
    const since = lastSeq > 0 ? `&last_event_id=${lastSeq}` : '';
    const es = new EventSource(`${path}?ticket=${encodeURIComponent(reply.ticket)}${since}`);
    source = es;
    es.addEventListener('message', (event) => {
      const data = JSON.parse(event.data);
      line(Number(data.seq), data.text);
    });
    es.addEventListener('done', (event) => finish(JSON.parse(event.data)));
    es.addEventListener('error', () => {
      // CONNECTING: the browser reconnects by itself (with Last-Event-ID). CLOSED: it gave up.
      if (es.readyState !== EventSource.CLOSED || finished || timer) return;
      if (opened < 3) open();
      else poll();
    });
  }
  open();

  async function poll() {
    try {
      const g = await get(`/api/generations/${encodeURIComponent(id)}`);
      (g.user_messages ?? []).forEach((text, i) => line(i + 1, text));
      if (TERMINAL.has(g.status)) {
        finish({ status: g.status, output_url: g.output_url, error: g.error, generation_id: g.generation_id });
        return;
      }
    } catch (error) {
      if (error.status === 404 || error.status === 401) {
        finish({ status: 'error', error: error.detail, generation_id: id });
        return;
      }
    }
    if (!finished) timer = setTimeout(poll, POLL_MS);
  }

  function stop() {
    if (source) source.close();
    clearTimeout(timer);
  }

  return () => {
    finished = true;
    stop();
  };
}
