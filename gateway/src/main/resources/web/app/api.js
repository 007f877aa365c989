// The dashboard's one way to call the suite: through the gateway, with the signed-in user's bearer token.
// Errors are RFC 9457 problems; describe() turns one into a sentence naming the fields at fault.

const TOKEN_KEY = 'inferplan.token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signIn(value) {
  sessionStorage.setItem(TOKEN_KEY, value.trim());
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The claims of the token, for showing who is signed in (the gateway verifies it, not this). */
export function claims() {
  const t = token();
  if (!t) return null;
  try {
    const payload = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload + '='.repeat((4 - payload.length % 4) % 4)));
  } catch (e) {
    return null;
  }
}

export function roles() {
  return (claims() && claims().groups) || [];
}

export function hasRole(...wanted) {
  return roles().some(r => wanted.includes(r));
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(describeProblem(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describeProblem(status, problem) {
  if (!problem) return `The service answered ${status}.`;
  let text = problem.detail || problem.title || `The service answered ${status}.`;
  const errors = (problem.errors || []).map(e => {
    const where = e.field || (e.line ? `line ${e.line}${e.column ? ', ' + e.column : ''}` : '');
    return where ? `${where}: ${e.reason}` : e.reason;
  });
  if (errors.length) text += ' ' + errors.join('; ');
  return text;
}

/** Calls the API; JSON in and out unless told otherwise. Throws ApiError with the problem. */
export async function api(path, { method = 'GET', body, headers = {}, accept = 'application/json', raw = false } = {}) {
  const init = { method, headers: { Accept: accept, ...headers } };
  if (token()) init.headers.Authorization = 'Bearer ' + token();
  if (body !== undefined) {
    if (body instanceof Blob || typeof body === 'string') {
      init.body = body;
    } else {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch (e) { /* not a problem document */ }
    if (response.status === 401) window.dispatchEvent(new CustomEvent('inferplan:unauthenticated'));
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export function describe(error) {
  return error instanceof ApiError ? error.message : `The request failed: ${error.message}`;
}
