// Sign in: a 6-digit code by email (the embedded default writes it to the server log; without the local login,
// Supabase Auth sends it), or Google through Supabase Auth when the server is configured for it.

import { $, say } from './dom.js';
import { ApiError, auth, get, post } from './api.js';
import { sessionStarted, supabaseAuth, supabaseSays } from './session.js';

/**
 * Reads a Supabase redirect into the token store (#access_token=…) and takes it out of the address bar. Returns
 * Supabase's error sentence when the sign-in was refused (#error_description=…), else null.
 */
export function takeTokenFromRedirect() {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const token = fragment.get('access_token');
  const refused = fragment.get('error_description') || fragment.get('error');
  if (!token && !refused) return null;
  // Supabase's fragment also carries the refresh token and expiry (session.js renews with them).
  if (token && fragment.get('refresh_token')) {
    auth.setSupabase(Object.fromEntries(fragment));
    sessionStarted();
  } else if (token) {
    auth.set(token);
  }
  history.replaceState(null, '', `${window.location.pathname}${token ? '#studio' : ''}`);
  return token ? null : `Google sign-in did not work: ${refused}`;
}

export class Login {
  /** @param onSignedIn called once a token is stored */
  constructor(onSignedIn) {
    this.onSignedIn = onSignedIn;
    this.status = $('#login-status');
    this.email = '';
    this.supabaseOtp = false;
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
      event.target.value = event.target.value.replace(/\D/g, '').slice(0, this.supabaseOtp ? 10 : 6);
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
    if (config.google) {
      const back = `${window.location.origin}${window.location.pathname}`;
      google.href = `${config.supabase_url}/auth/v1/authorize?provider=google&redirect_to=${encodeURIComponent(back)}`;
    }
    this.supabaseOtp = Boolean(config.supabase_email_otp);
    if (this.supabaseOtp) $('#code').maxLength = 10; // Supabase codes have 6 to 10 digits, per project
    $('#or').hidden = !(config.google && (config.local_login || this.supabaseOtp));
    $('#email-form').hidden = !(config.local_login || this.supabaseOtp);
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
      if (this.supabaseOtp) await this.supabaseSend(email);
      else await post('/api/auth/email/start', { email });
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
    if (!(this.supabaseOtp ? /^\d{6,10}$/ : /^\d{6}$/).test(code)) {
      say(this.status, 'The code has 6 digits.', 'error');
      $('#code').focus();
      return;
    }
    const button = $('#verify-code');
    button.disabled = true;
    try {
      if (this.supabaseOtp) {
        auth.setSupabase(await this.supabaseVerify(code));
        sessionStarted();
      } else {
        const reply = await post('/api/auth/email/verify', { email: this.email, code });
        auth.set(reply.access_token);
      }
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

  /** Supabase Auth emails the code (POST /auth/v1/otp); it creates the user on first sign-in. */
  async supabaseSend(email) {
    const reply = await supabaseAuth('/otp', { email, create_user: true });
    if (!reply.ok) throw new ApiError(reply.status, { detail: supabaseSays(reply.data, 'The code could not be sent. Try again in a minute.') });
  }

  /** Trades the code for a Supabase session (POST /auth/v1/verify, type email). */
  async supabaseVerify(code) {
    const reply = await supabaseAuth('/verify', { type: 'email', email: this.email, token: code });
    if (!reply.ok || !reply.data.access_token) {
      throw new ApiError(reply.status, { detail: supabaseSays(reply.data, 'That code did not work. Check it or ask for a new one.') });
    }
    return reply.data;
  }

  /** Next time the login shows (after a logout), it starts from the email again. */
  askEmailLater() {
    $('#code-form').hidden = true;
    $('#email-form').hidden = false;
  }
}
