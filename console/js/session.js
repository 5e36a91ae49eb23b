// Who is signed in. Tokens live in IndexedDB so the service worker can replay the offline queue
// after the page is gone; refreshing is serialised with a Web Lock because refresh tokens rotate
// (two contexts refreshing with the same token would lose the session).
import { STORES, get, put, remove } from './store.js';

const KEY = 'current';
/** Refresh this many seconds before the access token expires. */
const MARGIN_SECONDS = 30;

export class SessionExpired extends Error {
  constructor() { super('session expired'); this.name = 'SessionExpired'; }
}

/** The claims of a JWT (not verified here: the gateway verifies every request). */
export function claimsOf(token) {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

function sessionFrom(accessToken, refreshToken) {
  const claims = claimsOf(accessToken);
  return { accessToken, refreshToken, role: claims.role, subject: claims.sub, tenant: claims.tenant ?? null, expiresAt: claims.exp };
}

export const current = () => get(STORES.session, KEY);

/** Stores the tokens of `POST /v1/auth/login`, `/invitations/accept` or `/refresh`. */
export async function signIn(grant) {
  const session = sessionFrom(grant.access_token, grant.refresh_token ?? null);
  await put(STORES.session, session, KEY);
  return session;
}

/** An operator token (`fieldopsctl token issue`), for platform administrators who have no tenant account. */
export async function signInWithToken(token) {
  const session = sessionFrom(token.trim(), null);
  if (!session.role || !session.expiresAt) throw new Error('not an access token');
  await put(STORES.session, session, KEY);
  return session;
}

export const signOut = () => remove(STORES.session, KEY);

/** A valid access token, refreshed when close to expiry; throws SessionExpired when only signing in again helps. */
export async function accessToken() {
  const now = Date.now() / 1000;
  const cached = await current();
  if (!cached) throw new SessionExpired();
  if (cached.expiresAt - MARGIN_SECONDS > now) return cached.accessToken;
  return navigator.locks.request('fieldops-session', async () => {
    const session = await current();
    if (!session) throw new SessionExpired();
    if (session.expiresAt - MARGIN_SECONDS > Date.now() / 1000) return session.accessToken;
    if (!session.refreshToken) throw new SessionExpired();
    const response = await fetch('/v1/auth/refresh', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: session.refreshToken }),
    });
    if (response.status === 401) { await signOut(); throw new SessionExpired(); }
    if (!response.ok) throw new Error(`refresh failed: ${response.status}`);
    return (await signIn(await response.json())).accessToken;
  });
}
