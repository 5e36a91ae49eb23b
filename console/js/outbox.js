// The offline queue of field work (checklist answers, signatures, clock-ins). A change is written
// to IndexedDB with its Idempotency-Key *before* anything is sent, then replayed in order until
// the gateway has answered it. The key stays with the change across retries and reloads, so a
// replay after a lost answer is recognised by the gateway and never applied twice; the queue is
// flushed under a Web Lock, so the page and the service worker never send the same change together.
import { ApiError, NetworkError, call } from './api.js';
import { SessionExpired } from './session.js';
import { STORES, add, count, getAll, remove } from './store.js';

export const SYNC_TAG = 'fieldops-outbox';

/** Keeps `change` ({method, path, body, label}) for sending; resolves once it is stored. */
export async function enqueue(change) {
  const entry = { ...change, idempotencyKey: crypto.randomUUID(), queuedAt: new Date().toISOString() };
  entry.id = await add(STORES.outbox, entry);
  return entry;
}

export const pending = () => getAll(STORES.outbox);
export const pendingCount = () => count(STORES.outbox);
export const rejected = () => getAll(STORES.rejected);
export const dismissRejected = (id) => remove(STORES.rejected, id);

/**
 * Answers worth retrying later: the gateway or its dependencies are busy or away, or the same
 * Idempotency-Key is still being processed (409 with Retry-After). A 409 without it is a rule
 * refusing the change (the intervention was cancelled meanwhile): final.
 */
const retryable = (error) => [408, 425, 429].includes(error.status) || error.status >= 500 || (error.status === 409 && error.retryAfter !== null);

/**
 * Sends what is queued, oldest first. Stops at the first change that cannot go now (network away,
 * gateway busy, session expired) so the order is kept. A change the gateway refuses for good (a
 * 4xx) moves to the rejected list with the reason, for the user to see.
 * @returns {Promise<{sent: number, remaining: number, stoppedBy: string|null}>}
 */
export async function flush() {
  return navigator.locks.request(SYNC_TAG, async () => {
    let sent = 0;
    for (const entry of (await pending()).sort((a, b) => a.id - b.id)) {
      try {
        await call(entry.method, entry.path, { body: entry.body, headers: { 'Idempotency-Key': entry.idempotencyKey } });
      } catch (error) {
        if (error instanceof NetworkError) return { sent, remaining: await pendingCount(), stoppedBy: 'network' };
        if (error instanceof SessionExpired) return { sent, remaining: await pendingCount(), stoppedBy: 'session' };
        if (!(error instanceof ApiError) || retryable(error)) {
          return { sent, remaining: await pendingCount(), stoppedBy: String(error.status ?? error.message) };
        }
        const { id, ...change } = entry;
        await add(STORES.rejected, { ...change, queuedID: id, status: error.status, reason: error.message, rejectedAt: new Date().toISOString() });
      }
      await remove(STORES.outbox, entry.id);
      sent += 1;
    }
    return { sent, remaining: 0, stoppedBy: null };
  });
}
