// Keeps a Supabase sign-in alive: the access token is renewed with the refresh token shortly before it expires
// (Supabase Auth REST: POST /auth/v1/token?grant_type=refresh_token), and once more after a 401. When Supabase
// refuses the refresh token (used, revoked, unknown) the page signs out cleanly. Local logins have no refresh token
// and are left alone.

import { ApiError, auth, get } from './api.js';

const MARGIN_SECONDS = 60; // renew this long before expiry (a quarter of the lifetime for short-lived tokens)
const RETRY_MS = 5000; // Supabase unreachable or busy: try again soon, the token may still be valid

let config = null;
let timer = null;
let running = null;

async function supabase() {
  config ??= await get('/api/auth/config');
  if (!config.supabase_url) throw new Error('Supabase is not configured on this server');
  return config;
}

/** POST to Supabase Auth (`/auth/v1/…`) with the project's anon key; resolves {ok, status, data}. */
export async function supabaseAuth(path, body) {
  const { supabase_url: url, supabase_anon_key: key } = await supabase();
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (key) headers.apikey = key;
  let response;
  try {
    response = await fetch(`${url}/auth/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { title: 'Offline', detail: 'Sign-in is not reachable right now. Check your connection and try again.' });
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  return { ok: response.ok, status: response.status, data: data ?? {} };
}

/**
 * Ends the Supabase session as well (POST /auth/v1/logout with the access token): its refresh token stops working
 * everywhere. Local logins have no Supabase session; a failure is left alone (our server refuses the token anyway).
 */
export async function endSupabaseSession() {
  if (!auth.supabase()) return;
  try {
    const { supabase_url: url, supabase_anon_key: key } = await supabase();
    const headers = { Authorization: `Bearer ${auth.token()}` };
    if (key) headers.apikey = key;
    await fetch(`${url}/auth/v1/logout`, { method: 'POST', headers });
  } catch {
    // offline or refused: nothing more to do here
  }
}

/** Supabase's sentence for a refused request (its replies use `msg`, older ones `error_description`). */
export const supabaseSays = (data, fallback) => data?.msg || data?.error_description || data?.message || fallback;

function schedule(delayMs) {
  clearTimeout(timer);
  const session = auth.supabase();
  if (!session) return;
  const margin = Math.min(MARGIN_SECONDS, Math.max(1, session.expires_in / 4));
  const wait = delayMs ?? session.expires_at * 1000 - margin * 1000 - Date.now();
  timer = setTimeout(() => renew(), Math.max(0, wait));
}

function signedOut() {
  clearTimeout(timer);
  window.dispatchEvent(new CustomEvent('mina:signed-out', { detail: 'Your session ended.' }));
}

async function refresh(staleToken) {
  const before = auth.supabase();
  if (!before) return false;
  // Another tab renewed it meanwhile (refresh tokens are used once): take its token.
  if (staleToken && auth.token() !== staleToken) {
    schedule();
    return true;
  }
  let reply;
  try {
    reply = await supabaseAuth('/token?grant_type=refresh_token', { refresh_token: before.refresh_token });
  } catch {
    schedule(RETRY_MS);
    return false;
  }
  if (reply.ok && reply.data.access_token) {
    auth.setSupabase(reply.data);
    schedule();
    return true;
  }
  if (reply.status === 429 || reply.status >= 500) {
    schedule(RETRY_MS);
    return false;
  }
  const current = auth.supabase();
  if (current && current.refresh_token !== before.refresh_token) {
    schedule(); // another tab won the race with the same refresh token
    return true;
  }
  signedOut();
  return false;
}

/** Renews now (one renewal at a time); resolves true when a fresh token is stored. */
function renew(staleToken) {
  running ??= refresh(staleToken).finally(() => {
    running = null;
  });
  return running;
}

/** Starts keeping the stored Supabase session (if any) fresh, in this tab and with the others. */
export function keepSession() {
  auth.renew = renew;
  window.addEventListener('storage', (event) => {
    if (event.key === 'mina.supabase') schedule();
  });
  schedule();
}

/** After a sign-in: the new session's renewals. */
export const sessionStarted = () => schedule();
