// Who is signed in (GET /api/me): matcha, expiry, costs, video settings and the checkout link.

import { get } from './api.js';

let me = null;
const listeners = new Set();

export const account = {
  get me() {
    return me;
  },

  /** Loads /api/me (which also marks "last seen" and opens a studio session). */
  async refresh() {
    me = await get('/api/me');
    listeners.forEach((listener) => listener(me));
    return me;
  },

  /** The server told us the balance (credits_left on a 202, balance on a 402). */
  setCredits(credits) {
    if (!me || credits == null) return;
    me = { ...me, credits };
    listeners.forEach((listener) => listener(me));
  },

  /** The balance stream told us the balance and its expiry (decision 034). */
  setBalance(balance, expiresAt) {
    if (!me || balance == null) return;
    const expired = expiresAt ? Date.parse(expiresAt) <= Date.now() : false;
    me = { ...me, credits: balance, expires_at: expiresAt ?? null, expired };
    listeners.forEach((listener) => listener(me));
  },

  onChange(listener) {
    listeners.add(listener);
    if (me) listener(me);
  },

  clear() {
    me = null;
  },

  /** Matcha that can be spent now (expired matcha cannot). */
  available() {
    if (!me) return 0;
    return me.expired ? 0 : Number(me.credits ?? 0);
  },

  cost(kind, seconds = 0) {
    const costs = me?.costs ?? {};
    if (kind === 'video') return Number(costs.video_per_second ?? 2) * seconds;
    return Number(costs[kind] ?? 1);
  },
};

/**
 * "I need matcha": to the shop's checkout when there is one; otherwise the sentence that explains where matcha
 * comes from (returned for the caller to show).
 */
export function needMatcha() {
  if (me?.checkout_url) {
    // A new tab: Shopify has no way back to the studio after paying, so the studio stays open (decision 034).
    window.open(me.checkout_url, '_blank', 'noopener');
    return null;
  }
  return 'You are out of matcha. Matcha is added by the shop admin for now: ask them for more, then come back.';
}
