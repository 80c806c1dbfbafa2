// api.js - the JSON API (docs/api.md) and where tokens live.
//
// Tokens live in sessionStorage: the account token from login, the profile
// token from the picker. No token is ever put in a URL: media, subtitles
// and images come from short-lived signed URLs the API hands out.

export const store = window.sessionStorage;

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function api(method, path, body, token = store.getItem('profile')) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`/api/v1${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}
