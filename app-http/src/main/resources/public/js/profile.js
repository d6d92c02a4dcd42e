// Profile (spec §9.2): email, matcha, expiry, get more matcha, back to the studio, log out.

import { $, formatDate } from './dom.js';
import { account } from './account.js';

export function installProfile(onLogout) {
  account.onChange((me) => {
    $('#p-email').textContent = me.email || me.pass_id;
    $('#p-matcha').textContent = `${me.credits}${me.expired ? ' (expired)' : ''}`;
    $('#p-expiry').textContent = me.expires_at ? formatDate(me.expires_at) : 'Does not expire';
    const checkout = $('#p-checkout');
    checkout.hidden = !me.checkout_url;
    if (me.checkout_url) checkout.href = me.checkout_url;
    $('#p-matcha-note').textContent = me.checkout_url
      ? 'Matcha packs are sold in our shop; they arrive here as soon as the order is paid.'
      : 'Matcha is added by the shop admin for now: ask them when you need more.';
  });
  $('#logout').addEventListener('click', onLogout);
}
