// The studio API: JSON in and out, the bearer token from localStorage, problems (RFC 9457) as ApiError.

const TOKEN = 'mina.token';
// A Supabase session's refresh token and expiry ({refresh_token, expires_at, expires_in}); absent for local logins.
const SUPABASE = 'mina.supabase';

/** A refused or failed request; `detail` is the sentence to show the user. */
export class ApiError extends Error {
  constructor(status, problem) {
    const detail = problem?.detail || problem?.title || (status ? `The server answered ${status}.` : 'No answer.');
    super(detail);
    this.status = status;
    this.title = problem?.title ?? '';
    this.detail = detail;
    this.problem = problem ?? {};
  }
}

const OFFLINE = { title: 'Offline', detail: 'The studio cannot reach the server. Check your connection and try again.' };

export const auth = {
  token: () => localStorage.getItem(TOKEN),
  set(token) {
    localStorage.setItem(TOKEN, token);
    localStorage.removeItem(SUPABASE);
  },
  /** Stores a Supabase session (a redirect fragment or an /auth/v1 token reply): the access token and how to renew it. */
  setSupabase(session) {
    const lifetime = Number(session.expires_in) || 3600;
    const expiresAt = Number(session.expires_at) || Math.floor(Date.now() / 1000) + lifetime;
    localStorage.setItem(TOKEN, session.access_token);
    localStorage.setItem(SUPABASE, JSON.stringify({ refresh_token: session.refresh_token, expires_at: expiresAt, expires_in: lifetime }));
  },
  supabase() {
    try {
      const session = JSON.parse(localStorage.getItem(SUPABASE));
      return session?.refresh_token ? session : null;
    } catch {
      return null;
    }
  },
  clear() {
    localStorage.removeItem(TOKEN);
    localStorage.removeItem(SUPABASE);
  },
  /** Renews a Supabase session after a 401 (set by session.js): resolves true when a fresh token is stored. */
  renew: null,
};

function headers(json) {
  const result = { Accept: 'application/json' };
  const token = auth.token();
  if (token) result.Authorization = `Bearer ${token}`;
  if (json) result['Content-Type'] = 'application/json';
  return result;
}

function parse(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function failed(status, body) {
  const error = new ApiError(status, body);
  // An expired or revoked token: the page goes back to the login (main.js listens).
  if (status === 401 && auth.token()) window.dispatchEvent(new CustomEvent('mina:signed-out', { detail: error }));
  return error;
}

export async function api(method, path, body, { signal, keepalive, renewed } = {}) {
  const sent = auth.token();
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: headers(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      keepalive,
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, OFFLINE);
  }
  const data = parse(await response.text());
  // An expired Supabase token: one refresh, then the request once more.
  if (response.status === 401 && sent && !renewed && auth.renew && auth.supabase() && (await auth.renew(sent))) {
    return api(method, path, body, { signal, keepalive, renewed: true });
  }
  if (!response.ok) throw failed(response.status, data);
  return data;
}

export const get = (path, options) => api('GET', path, undefined, options);
export const post = (path, body = {}, options) => api('POST', path, body, options);
export const put = (path, body = {}, options) => api('PUT', path, body, options);
export const del = (path, options) => api('DELETE', path, undefined, options);

/**
 * GET /api/generations/{id}/download with the bearer token, saved as a file: the bytes come from this origin
 * (a cross-origin asset URL would make the browser navigate instead), named by the server's Content-Disposition.
 * The server records the download event itself.
 */
export async function downloadGeneration(id, { renewed } = {}) {
  const sent = auth.token();
  let response;
  try {
    response = await fetch(`/api/generations/${encodeURIComponent(id)}/download`, { headers: headers(false) });
  } catch {
    throw new ApiError(0, OFFLINE);
  }
  if (response.status === 401 && sent && !renewed && auth.renew && auth.supabase() && (await auth.renew(sent))) {
    return downloadGeneration(id, { renewed: true });
  }
  if (!response.ok) throw failed(response.status, parse(await response.text()));
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] || 'minav3-download';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** Multipart upload with progress (fetch cannot report upload progress, XMLHttpRequest can). */
export function uploadFile(file, kind, { onProgress, signal } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/uploads');
    for (const [name, value] of Object.entries(headers(false))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      const data = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(failed(xhr.status, data));
    };
    xhr.onerror = () => reject(new ApiError(0, OFFLINE));
    xhr.onabort = () => reject(new DOMException('The upload was stopped', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name || 'image');
    xhr.send(form);
  });
}

export const uploadFromUrl = (url, kind, signal) => post('/api/uploads/from-url', { url, kind }, { signal });

/** A fresh idempotency key: a double click never pays twice, a retry is a new request. */
export const requestId = () => (crypto.randomUUID ? crypto.randomUUID() : `r-${Date.now()}-${Math.random().toString(36).slice(2)}`);
