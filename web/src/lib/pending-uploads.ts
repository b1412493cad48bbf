// Files chosen for upload and not yet in, kept in the browser's own database (IndexedDB) until the server has them:
// a photo taken in a village with no signal is still there when the page is opened again with one. Kept per account
// and problem — another account on the same browser never sends them as its own — and removed at logout, as drafts
// are; a browser that refuses storage (a private window) simply keeps nothing, and the upload works as before.

const DB = 'zhenggai';
const STORE = 'pending-uploads';

export interface PendingUpload {
  readonly id: string;
  readonly problem: string;
  /** the account that chose it */
  readonly owner: string;
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

/** What one account left waiting for one problem, oldest first. */
export async function pendingFor(problem: string, owner: string): Promise<PendingUpload[]> {
  const all = (await run<PendingUpload[]>('readonly', (s) => s.getAll())) ?? [];
  return all.filter((p) => p.problem === problem && p.owner === owner).sort((a, b) => a.id.localeCompare(b.id));
}

/** How many files wait on this browser, for any account: what a logout would remove. */
export async function pendingCount(): Promise<number> {
  return (await run<number>('readonly', (s) => s.count())) ?? 0;
}

/** Everything waiting, removed: at logout, so nothing of one account is left for the next on a shared browser. */
export async function dropAllPending(): Promise<void> {
  await run('readwrite', (s) => s.clear());
}
