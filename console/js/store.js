// A small promise API over the one IndexedDB database the console keeps. Used by pages and by the
// service worker alike, so nothing here touches the DOM.

const DATABASE = 'fieldops-console';
const VERSION = 1;

/** Object stores: the signed-in session, the offline queue, requests refused on replay, last-read API answers. */
export const STORES = { session: 'session', outbox: 'outbox', rejected: 'rejected', snapshots: 'snapshots' };

let opening = null;

function open() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore(STORES.session);
      db.createObjectStore(STORES.outbox, { keyPath: 'id', autoIncrement: true });
      db.createObjectStore(STORES.rejected, { keyPath: 'id', autoIncrement: true });
      db.createObjectStore(STORES.snapshots);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => { opening = null; reject(request.error); };
  });
  return opening;
}

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs `work(store)` in one transaction and resolves with its result once the transaction committed. */
async function run(storeName, mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(storeName, mode);
    let result;
    Promise.resolve(work(transaction.objectStore(storeName))).then((value) => { result = value; }, reject);
    transaction.oncomplete = () => resolve(result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

export const get = (store, key) => run(store, 'readonly', (s) => promised(s.get(key)));
export const getAll = (store) => run(store, 'readonly', (s) => promised(s.getAll()));
export const count = (store) => run(store, 'readonly', (s) => promised(s.count()));
/** Adds to an auto-numbered store; resolves with the new key. */
export const add = (store, value) => run(store, 'readwrite', (s) => promised(s.add(value)));
export const put = (store, value, key) => run(store, 'readwrite', (s) => promised(key === undefined ? s.put(value) : s.put(value, key)));
export const remove = (store, key) => run(store, 'readwrite', (s) => promised(s.delete(key)));
