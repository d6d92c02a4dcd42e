// Starts the page: login or studio, the header, and the views (#studio, #archive, #profile).

import { $, $$, guardFocus } from './dom.js';
import { auth, post } from './api.js';
import { account } from './account.js';
import { forgetAll } from './live.js';
import { stopWatchingBalance, watchBalance } from './balance.js';
import { Login, takeTokenFromRedirect } from './login.js';
import { endSupabaseSession, keepSession } from './session.js';
import { Studio } from './studio.js';
import { Archive } from './archive.js';
import { installProfile } from './profile.js';
import { Preferences } from './preferences.js';
import { installViewer } from './viewer.js';

const VIEWS = ['studio', 'archive', 'profile'];
let studio = null;
let archive = null;
let preferences = null;
let shown = null;

function route() {
  const name = window.location.hash.replace(/^#\/?/, '');
  return VIEWS.includes(name) ? name : 'studio';
}

function show(name, { focus = true } = {}) {
  for (const view of ['login', ...VIEWS]) $(`#view-${view}`).hidden = view !== name;
  $('#top').hidden = name === 'login';
  $$('[data-nav]').forEach((link) => {
    if (link.dataset.nav === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  document.title = `MINA · ${name[0].toUpperCase()}${name.slice(1)}`;
  if (name === 'archive' && shown !== 'archive') archive.reload();
  if (name === 'profile') {
    account.refresh().catch(() => {});
    preferences.load();
  }
  // Moving between views puts focus on the new view's heading, so keyboard and screen reader users follow.
  if (focus && shown && shown !== name) $(`#view-${name} h1`)?.focus();
  shown = name;
}

async function enter({ focus = false } = {}) {
  try {
    // Entering the studio (a load, a refresh, a sign-in) ends the previous session and begins a fresh one (§9.1).
    await post('/api/studio/sessions');
    await account.refresh();
    watchBalance();
  } catch (error) {
    if (error.status === 401) return signOut('Please sign in again.');
    $('#login-status').textContent = error.detail;
    return show('login');
  }
  studio.resume();
  show(route(), { focus: false });
  // Signed in from the form: the form is gone, so focus goes to the view's heading rather than to the page.
  if (focus) $(`#view-${route()} h1`)?.focus();
}

function signOut(message = '') {
  studio?.stop();
  stopWatchingBalance();
  auth.clear();
  account.clear();
  forgetAll();
  // A fresh page: nothing of the previous person stays in memory.
  history.replaceState(null, '', `${window.location.pathname}${message ? '#signed-out' : ''}`);
  window.location.reload();
}

async function start() {
  guardFocus();
  installViewer();
  const refused = takeTokenFromRedirect();
  keepSession();
  const login = new Login(() => {
    window.location.hash = '#studio';
    enter({ focus: true });
  });
  studio = new Studio();
  preferences = new Preferences();
  archive = new Archive((recreated) => {
    studio.recreate(recreated);
    window.location.hash = '#studio';
  });
  // Log out ends the token on the server too (every server refuses it from then on) and the Supabase session, if
  // any, then forgets both here.
  installProfile(() => post('/api/auth/logout').catch(() => {}).then(endSupabaseSession).finally(() => signOut()));
  account.onChange((me) => {
    $('#matcha-count').textContent = `${me.expired ? 0 : me.credits} matcha`;
  });
  window.addEventListener('mina:signed-out', () => signOut('expired'));
  window.addEventListener('hashchange', () => {
    if (auth.token() && account.me) show(route());
  });
  if (!auth.token()) {
    await login.configure();
    if (window.location.hash === '#signed-out') $('#login-status').textContent = 'You are signed out.';
    if (refused) $('#login-status').textContent = refused;
    show('login');
    return;
  }
  await enter();
}

start();
