// The API client: GET JSON with query parameters; an error answer becomes an Error with the
// server's message.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

export async function get(path, params) {
  let res;
  try {
    res = await fetch(path + query(params), { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError(0, 'the server cannot be reached (' + e.message + ')');
  }
  let body = null;
  try { body = await res.json(); } catch { body = null; }
  if (!res.ok) {
    throw new ApiError(res.status, body && body.error ? body.error : res.status + ' ' + res.statusText);
  }
  return body;
}
