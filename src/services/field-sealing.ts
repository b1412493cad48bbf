// The sealed columns as a whole (store/sealed-fields.repository.ts): values written before encryption sealed at the
// start, every value sealed again under a new key when the key is rotated, and a start refused when the database
// holds fields under a key this server does not have (another server's key file, or an old key dropped).
import {
  FieldKeyMissing,
  SEALED_PREFIX as PREFIX,
  addFieldKey,
  fieldKeys,
  fieldKeysForStart,
  openField,
  sealField,
  type FieldKeys,
} from './field-cipher.ts';
import { fieldsToSeal, keysInUse, SEALED_COLUMNS, writeSealedField } from '../store/sealed-fields.repository.ts';
import type { Db } from '../store/open-database.ts';
import { InvalidInput } from '../core/errors.ts';

/** Seals every value not sealed under the current key; how many were written. */
export async function sealAllFields(db: Db, keys: FieldKeys = fieldKeys()): Promise<number> {
  const current = `${PREFIX}${keys.current.id}:`;
  let written = 0;
  for (const c of SEALED_COLUMNS) {
    let after = 0;
    for (;;) {
      const rows = await fieldsToSeal(db, c, current, after, 500);
      if (rows.length === 0) break;
      await db.transaction().execute(async (trx) => {
        for (const r of rows) await writeSealedField(trx, c, r.id, sealField(openField(r.value, keys), keys) as string);
      });
      written += rows.length;
      after = Number(rows[rows.length - 1]?.id);
    }
  }
  return written;
}

/**
 * A start's keys, before anything is written: a key file is made for a database with nothing sealed yet (a first
 * start, wherever ZG_FIELD_KEY_FILE points); one that has sealed fields and no key file, or a key file without their
 * key, is refused with what to do.
 */
export async function prepareFieldKeys(db: Db): Promise<void> {
  const inUse = await keysInUse(db, PREFIX);
  let keys: FieldKeys;
  try {
    keys = fieldKeysForStart(inUse.length === 0);
  } catch (e) {
    if (!(e instanceof InvalidInput) || inUse.length === 0) throw e;
    throw new InvalidInput(
      `${e.message}；数据库中已有以编号 ${inUse.join('、')} 的密钥加密的字段，请放回原来的密钥文件，或用 ZG_FIELD_KEY_FILE 指向它`,
    );
  }
  await checkFieldKeys(db, keys);
}

/** Refuses a database whose sealed fields name a key this server does not hold. */
export async function checkFieldKeys(db: Db, keys: FieldKeys = fieldKeys()): Promise<void> {
  const missing = (await keysInUse(db, PREFIX)).find((id) => !keys.byId.has(id));
  if (missing) throw new FieldKeyMissing(missing);
}

/** `zg keys rotate`: a new key made current, and every sealed field written again under it. */
export async function rotateFieldKey(db: Db): Promise<{ keyId: string; written: number; file: string | null }> {
  await checkFieldKeys(db);
  const keys = addFieldKey();
  return { keyId: keys.current.id, written: await sealAllFields(db, keys), file: keys.file };
}
