// Files chosen for upload and not yet in, kept in the browser's own database (IndexedDB) until the server has them:
// a photo taken in a village with no signal is still there when the page is opened again with one. Kept per problem;
// a browser that refuses storage (a private window) simply keeps nothing, and the upload works as before.

const DB = 'zhenggai';
const STORE = 'pending-uploads';

export interface PendingUpload {
  readonly id: string;
  readonly problem: string;
  readonly file: File;
}

function open(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

async function run<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T | null> {
  const db = await open();
  if (!db) return null;
  return new Promise((resolve) => {
    const tx = db.transaction(STORE, mode);
    const req = f(tx.objectStore(STORE));
    tx.oncomplete = () => (db.close(), resolve(req.result));
    tx.onerror = () => (db.close(), resolve(null));
    tx.onabort = () => (db.close(), resolve(null));
  });
}

export async function keepPending(p: PendingUpload): Promise<void> {
  await run('readwrite', (s) => s.put(p));
}

export async function dropPending(id: string): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
}

/** What waits for one problem, oldest first. */
export async function pendingFor(problem: string): Promise<PendingUpload[]> {
  const all = (await run<PendingUpload[]>('readonly', (s) => s.getAll())) ?? [];
  return all.filter((p) => p.problem === problem).sort((a, b) => a.id.localeCompare(b.id));
}
