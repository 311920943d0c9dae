// The agent's read-only JSON API, as the dashboard calls it: same origin, the session cookie goes with each request.

/** Thrown when the API answers 401: the page shows its login form. */
export class LoggedOut extends Error {}

export async function getJson(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (res.status === 401) {
    throw new LoggedOut('not logged in');
  }
  if (!res.ok) {
    let message = `${path}: HTTP ${res.status}`;
    try {
      const body = await res.json();
      if (body && body.error) message = body.error;
    } catch (ignored) { /* not JSON: keep the status */ }
    throw new Error(message);
  }
  return res.json();
}

/** Posts a form (the login's token); resolves to the response, whatever its status. */
export function postForm(path, fields) {
  return fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
