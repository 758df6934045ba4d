// The native /api/v1 client: one place that adds the session token and turns error bodies into errors.

const TOKEN_KEY = 'loupe.session';

/** An API error: the HTTP status, the server's message and its per-field details. */
export class ApiError extends Error {
  constructor(status, message, details = []) {
    super(message);
    this.status = status;
    this.details = details;
  }
}

/** The stored session {token, user_id, expires_at}, or null. */
export function session() {
  try {
    const value = JSON.parse(localStorage.getItem(TOKEN_KEY) || 'null');
    if (value && value.expires_at && Date.parse(value.expires_at) < Date.now()) return null;
    return value;
  } catch {
    return null;
  }
}

/** Stores (or with null, forgets) the session. */
export function setSession(value) {
  if (value) localStorage.setItem(TOKEN_KEY, JSON.stringify(value));
  else localStorage.removeItem(TOKEN_KEY);
}

/**
 * Calls `method path` under /api/v1 with an optional JSON body; resolves to the parsed JSON body,
 * or null for 204. Throws ApiError for any non-2xx answer. A 401 forgets the session and sends the
 * user to the login screen.
 */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const current = session();
  if (current) headers.Authorization = `Bearer ${current.token}`;
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`/api/v1${path}`, init);
  return parseResponse(response);
}

/** Turns a fetch Response into JSON or an ApiError. */
export async function parseResponse(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  let value = null;
  try {
    value = text ? JSON.parse(text) : null;
  } catch {
    value = null;
  }
  if (!response.ok) {
    const error = value && value.error ? value.error : {};
    const message = error.message || value?.message || `${response.status} ${response.statusText}`;
    if (response.status === 401 && !response.url.endsWith('/auth/token')) {
      setSession(null);
      if (!location.hash.startsWith('#/login')) location.hash = '#/login';
    }
    throw new ApiError(response.status, message, error.details || []);
  }
  return value;
}

/**
 * Uploads `body` (a File or Blob) with `method` to `path` under /api/v1, reporting progress as a
 * fraction 0…1 through `onProgress`. Resolves to the parsed JSON body.
 */
export function upload(method, path, body, contentType, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, `/api/v1${path}`);
    const current = session();
    if (current) request.setRequestHeader('Authorization', `Bearer ${current.token}`);
    request.setRequestHeader('Content-Type', contentType);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, 'the upload failed: the connection was lost'));
    request.onload = () => {
      const response = new Response(request.responseText || null, {
        status: request.status === 204 ? 204 : request.status,
        statusText: request.statusText,
      });
      Object.defineProperty(response, 'url', { value: `/api/v1${path}` });
      parseResponse(response).then(resolve, reject);
    };
    request.send(body);
  });
}
