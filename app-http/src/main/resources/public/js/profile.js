// Profile (spec §9.2): email, matcha, expiry, get more matcha, back to the studio, log out.
// Get more matcha (decision 034): a pack and a quantity; checkout opens in a new tab so the studio stays open, and
// the balance rises here by itself when the order is paid (the balance stream, balance.js).

import { $, formatDate } from './dom.js';
import { get } from './api.js';
import { account } from './account.js';

const MAX_QUANTITY = 99;
let packsLoaded = false;
let asked = 0;

async function loadPacks() {
  if (packsLoaded) return;
  try {
    const reply = await get('/api/checkout');
    const select = $('#checkout-pack');
    select.replaceChildren(...[...reply.packs].sort().map((sku) => {
      const option = document.createElement('option');
      option.value = sku;
      option.textContent = sku;
      option.selected = sku === reply.pack;
      return option;
    }));
    packsLoaded = true;
    $('#checkout-form').hidden = false;
    await updateLink();
  } catch {
    $('#checkout-form').hidden = true;
  }
}

/** Asks the server for the cart link of the chosen pack and quantity; an impossible quantity gives no link. */
async function updateLink() {
  const link = $('#p-checkout');
  const status = $('#checkout-status');
  const raw = $('#checkout-quantity').value.trim();
  const quantity = Number(raw);
  const ticket = ++asked;
  if (!/^[0-9]{1,2}$/.test(raw) || quantity < 1 || quantity > MAX_QUANTITY) {
    link.removeAttribute('href');
    link.setAttribute('aria-disabled', 'true');
    $('#checkout-quantity').setAttribute('aria-invalid', 'true');
    status.textContent = `Choose between 1 and ${MAX_QUANTITY} packs.`;
    return;
  }
  $('#checkout-quantity').removeAttribute('aria-invalid');
  const pack = $('#checkout-pack').value;
  try {
    const reply = await get(`/api/checkout?pack=${encodeURIComponent(pack)}&quantity=${quantity}`);
    if (ticket !== asked) return;
    link.href = reply.url;
    link.removeAttribute('aria-disabled');
    status.textContent = 'Checkout opens in a new tab; keep this one open: your matcha arrives here once paid.';
  } catch (error) {
    if (ticket !== asked) return;
    link.removeAttribute('href');
    link.setAttribute('aria-disabled', 'true');
    status.textContent = error.detail || 'The shop cannot be reached right now.';
  }
}

export function installProfile(onLogout) {
  account.onChange((me) => {
    $('#p-email').textContent = me.email || me.pass_id;
    $('#p-matcha').textContent = `${me.credits}${me.expired ? ' (expired)' : ''}`;
    $('#p-expiry').textContent = me.expires_at ? formatDate(me.expires_at) : 'Does not expire';
    const checkout = $('#p-checkout');
    checkout.hidden = !me.checkout_url;
    if (me.checkout_url && !packsLoaded) checkout.href = me.checkout_url;
    if (me.checkout_url) loadPacks();
    $('#p-matcha-note').textContent = me.checkout_url
      ? 'Matcha packs are sold in our shop; they arrive here as soon as the order is paid.'
      : 'Matcha is added by the shop admin for now: ask them when you need more.';
  });
  $('#logout').addEventListener('click', onLogout);
  $('#checkout-pack').addEventListener('change', updateLink);
  $('#checkout-quantity').addEventListener('input', updateLink);
}
