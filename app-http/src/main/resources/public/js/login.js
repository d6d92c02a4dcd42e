// Sign in: a 6-digit code by email (the embedded default writes it to the server log), or Google through
// Supabase Auth when the server is configured for it.

import { $, say } from './dom.js';
import { auth, get, post } from './api.js';

/**
 * Reads a Supabase redirect into the token store (#access_token=…) and takes it out of the address bar. Returns
 * Supabase's error sentence when the sign-in was refused (#error_description=…), else null.
 */
export function takeTokenFromRedirect() {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const token = fragment.get('access_token');
  const refused = fragment.get('error_description') || fragment.get('error');
  if (!token && !refused) return null;
  if (token) auth.set(token);
  history.replaceState(null, '', `${window.location.pathname}${token ? '#studio' : ''}`);
  return token ? null : `Google sign-in did not work: ${refused}`;
}

export class Login {
  /** @param onSignedIn called once a token is stored */
  constructor(onSignedIn) {
    this.onSignedIn = onSignedIn;
    this.status = $('#login-status');
    this.email = '';
    $('#email-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.start();
    });
    $('#code-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.verify();
    });
    $('#other-email').addEventListener('click', () => this.askEmail());
    $('#code').addEventListener('input', (event) => {
      event.target.value = event.target.value.replace(/\D/g, '').slice(0, 6);
    });
  }

  async configure() {
    let config = { local_login: true, google: false };
    try {
      config = await get('/api/auth/config');
    } catch (error) {
      say(this.status, error.detail, 'error');
    }
    const google = $('#google');
    google.hidden = !config.google;
    $('#or').hidden = !(config.google && config.local_login);
    if (config.google) {
      const back = `${window.location.origin}${window.location.pathname}`;
      google.href = `${config.supabase_url}/auth/v1/authorize?provider=google&redirect_to=${encodeURIComponent(back)}`;
    }
    $('#email-form').hidden = !config.local_login;
    $('#local-hint').hidden = !config.local_login;
  }

  askEmail() {
    $('#code-form').hidden = true;
    $('#email-form').hidden = false;
    say(this.status, '');
    $('#email').focus();
  }

  async start() {
    const email = $('#email').value.trim();
    if (!$('#email').checkValidity() || !email) {
      say(this.status, 'Enter your email address.', 'error');
      $('#email').focus();
      return;
    }
    const button = $('#send-code');
    button.disabled = true;
    try {
      await post('/api/auth/email/start', { email });
      this.email = email;
      $('#code-email').textContent = email;
      $('#email-form').hidden = true;
      $('#code-form').hidden = false;
      $('#code').value = '';
      say(this.status, 'Code sent. It is valid for a few minutes.');
      $('#code').focus();
    } catch (error) {
      say(this.status, error.detail, 'error');
    } finally {
      button.disabled = false;
    }
  }

  async verify() {
    const code = $('#code').value.trim();
    if (!/^\d{6}$/.test(code)) {
      say(this.status, 'The code has 6 digits.', 'error');
      $('#code').focus();
      return;
    }
    const button = $('#verify-code');
    button.disabled = true;
    try {
      const reply = await post('/api/auth/email/verify', { email: this.email, code });
      auth.set(reply.access_token);
      say(this.status, '');
      this.askEmailLater();
      this.onSignedIn();
    } catch (error) {
      say(this.status, error.detail, 'error');
      $('#code').select();
    } finally {
      button.disabled = false;
    }
  }

  /** Next time the login shows (after a logout), it starts from the email again. */
  askEmailLater() {
    $('#code-form').hidden = true;
    $('#email-form').hidden = false;
  }
}
