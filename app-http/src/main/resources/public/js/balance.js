// The balance as it moves (decision 034): GET /api/me/balance/stream, opened with a ticket (EventSource cannot send
// headers), sends `balance` {balance, expires_at} at once and after every credit movement, from any server: a paid
// order, a charge, a refund. The stream ends when the login is signed out; a dropped one is opened again.

import { post } from './api.js';
import { account } from './account.js';

const PATH = '/api/me/balance/stream';
let source = null;
let watching = false;
let failures = 0;
let retry = null;

export function watchBalance() {
  if (watching) return;
  watching = true;
  failures = 0;
  open();
}

export function stopWatchingBalance() {
  watching = false;
  clearTimeout(retry);
  source?.close();
  source = null;
}

async function open() {
  let reply;
  try {
    reply = await post(`${PATH}-ticket`);
  } catch (error) {
    if (error.status === 401 || error.status === 403) return stopWatchingBalance();
    return again();
  }
  if (!watching) return;
  const es = new EventSource(`${PATH}?ticket=${encodeURIComponent(reply.ticket)}`);
  source = es;
  es.addEventListener('balance', (event) => {
    failures = 0;
    const data = JSON.parse(event.data);
    account.setBalance(Number(data.balance), data.expires_at);
  });
  es.addEventListener('error', () => {
    // CONNECTING: the browser reconnects by itself, but its ticket expires after a minute: always a fresh one.
    es.close();
    if (source === es) source = null;
    again();
  });
}

function again() {
  if (!watching) return;
  failures += 1;
  clearTimeout(retry);
  retry = setTimeout(open, Math.min(30_000, 1_000 * 2 ** Math.min(failures, 5)));
}
