// The operators' console at /admin. The page itself is public; every datum comes from /api/admin/… routes, which
// refuse anyone but an admin. A visitor sees the sign-in, a signed-in customer only "Not an admin".

import { $, $$ } from '../dom.js';
import { auth, get, post } from '../api.js';
import { Login, takeTokenFromRedirect } from '../login.js';
import { endSupabaseSession, keepSession } from '../session.js';
import { Generations } from './generations.js';
import { Customers } from './customers.js';
import { Errors } from './errors.js';
import { Config } from './config.js';
import { Reconcile } from './reconcile.js';
import { Audit } from './audit.js';

const VIEWS = ['generations', 'customers', 'errors', 'config', 'reconcile', 'audit'];
const GATES = ['login', 'denied'];
let views = null;
let shown = null;

function route() {
  const [name, ...rest] = window.location.hash.replace(/^#\/?/, '').split('/');
  return { name: VIEWS.includes(name) ? name : 'generations', arg: rest.length ? decodeURIComponent(rest.join('/')) : null };
}

function showOnly(name) {
  for (const view of [...GATES, ...VIEWS]) $(`#view-${view}`).hidden = view !== name;
  $('#top').hidden = GATES.includes(name);
}

function show({ name, arg }) {
  showOnly(name);
  $$('[data-nav]').forEach((link) => {
    if (link.dataset.nav === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  document.title = `MINA · Console · ${$(`#view-${name} h1`).textContent}`;
  if (shown !== name) $(`#view-${name} h1`)?.focus();
  shown = name;
  views[name].open(arg);
}

function signOut() {
  auth.clear();
  history.replaceState(null, '', window.location.pathname);
  window.location.reload();
}

async function endSession() {
  await post('/api/auth/logout').catch(() => {});
  await endSupabaseSession();
  signOut();
}

async function enter() {
  let me;
  try {
    me = await get('/api/me');
  } catch (error) {
    if (error.status === 401) return signOut();
    $('#login-status').textContent = error.detail;
    return showOnly('login');
  }
  if (!me.is_admin) {
    $('#denied-text').textContent = `You are signed in as ${me.email || me.pass_id}. This console is for operators only.`;
    showOnly('denied');
    $('#denied-title').focus();
    return;
  }
  $('#who').textContent = me.email || me.pass_id;
  const go = (hash) => {
    window.location.hash = hash;
  };
  views = {
    generations: new Generations(go),
    customers: new Customers(go),
    errors: new Errors(go),
    config: new Config(),
    reconcile: new Reconcile(go),
    audit: new Audit(),
  };
  window.addEventListener('hashchange', () => show(route()));
  show(route());
}

async function start() {
  takeTokenFromRedirect();
  keepSession();
  $('#sign-out').addEventListener('click', endSession);
  $('#denied-sign-out').addEventListener('click', endSession);
  window.addEventListener('mina:signed-out', signOut);
  if (!auth.token()) {
    const login = new Login(() => enter());
    await login.configure();
    showOnly('login');
    return;
  }
  await enter();
}

start();
