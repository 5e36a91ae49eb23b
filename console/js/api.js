// Calls to the gateway's API: bearer token, JSON, problem+json errors as ApiError, and for reads
// the technician app needs offline, the last answer kept in IndexedDB.
import { accessToken } from './session.js';
import { STORES, get, put } from './store.js';

/** An answer with an error status; `problem` is the RFC 9457 body when there is one. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter = null) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
    /** The `Retry-After` header: the gateway says the same request may succeed later. */
    this.retryAfter = retryAfter;
  }

  /** `field → message` of a 422's `errors`. */
  get fields() {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message ?? e.detail ?? '']));
  }
}

/** The network could not be reached (offline, gateway down). */
export class NetworkError extends Error {
  constructor(cause) { super('network unreachable', { cause }); this.name = 'NetworkError'; }
}

/**
 * One call. `body` is sent as JSON, or as is when it is a Blob (a photo). `etag` is sent as
 * If-Match; `snapshot: true` stores a GET's answer and gives it back (with `stale: true`) when the
 * network is unreachable.
 * @returns {Promise<{status: number, data: any, etag: string|null, stale?: boolean}>}
 */
export async function call(method, path, { body, etag, headers = {}, snapshot = false, authenticated = true } = {}) {
  const all = { Accept: 'application/json', ...headers };
  if (authenticated) all.Authorization = `Bearer ${await accessToken()}`;
  const binary = body instanceof Blob;
  if (body !== undefined) all['Content-Type'] = binary ? (body.type || 'application/octet-stream') : 'application/json';
  if (etag) all['If-Match'] = etag;
  let response;
  try {
    response = await fetch(path, { method, headers: all, body: body === undefined || binary ? body : JSON.stringify(body) });
  } catch (error) {
    const kept = snapshot ? await get(STORES.snapshots, path) : undefined;
    if (kept) return { ...kept, stale: true };
    throw new NetworkError(error);
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data, response.headers.get('Retry-After'));
  const answer = { status: response.status, data, etag: response.headers.get('ETag') };
  if (snapshot) await put(STORES.snapshots, answer, path);
  return answer;
}

export const getJSON = async (path, options) => (await call('GET', path, options)).data;

/** A file the API serves as an attachment (fetched with the bearer token), as a Blob. */
export async function download(path) {
  let response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${await accessToken()}` } });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null), response.headers.get('Retry-After'));
  return response.blob();
}

/** Every item of a list route (pages of 200). */
export async function listAll(path, options) {
  const items = [];
  for (let offset = 0; ; offset += 200) {
    const separator = path.includes('?') ? '&' : '?';
    const page = await getJSON(`${path}${separator}limit=200&offset=${offset}`, options);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

/** `?a=1&b=x` from an object, leaving out empty values. */
export function query(parameters) {
  const entries = Object.entries(parameters).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
}
