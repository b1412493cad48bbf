// Fields that name people in sensitive places — the people a problem lead concerns, the name and phone of a member
// of the public who wrote in, the phones of the organisation's people, each account's second-factor secret — kept
// encrypted at rest with SM4 (GB/T 32907), the national block cipher 密评 asks for, under a key held outside the
// database: a copy of the database, or a backup of it, shows none of them. SM4-CBC with a random IV, then an HMAC-SM3
// over all of it (encrypt-then-MAC): a field changed in the database is refused, not read as something else.
//
// The keys: ZG_FIELD_KEY (32 hex digits, or "id:hex,id:hex" with the current one first), else the file
// ZG_FIELD_KEY_FILE, else a file beside the data directory (data-keys/field.keys) made with one new key on first use,
// readable by its owner alone. A stored field names its key, so a key rotated (`zg keys rotate`: a new key first in
// the file, every field written again under it) leaves the older ones to read what they wrote until then. Several
// servers share one database only with the same key file.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InvalidInput } from '../core/errors.ts';

/** what every sealed value starts with: the scheme and its version, then the key's name */
export const SEALED_PREFIX = 'sm4:1:';
const PREFIX = SEALED_PREFIX;

interface Key {
  readonly id: string;
  readonly enc: Buffer;
  readonly mac: Buffer;
}

export interface FieldKeys {
  readonly current: Key;
  readonly byId: ReadonlyMap<string, Key>;
  /** the file the keys came from, when they came from one (a rotation writes there) */
  readonly file: string | null;
}

/** A key's name in a stored field: the start of its SM3 hash, which tells two keys apart and reveals nothing. */
const keyId = (raw: Buffer) => createHash('sm3').update(raw).digest('hex').slice(0, 8);

function keyOf(raw: Buffer): Key {
  return { id: keyId(raw), enc: raw, mac: createHash('sm3').update(raw).update('zg field mac').digest() };
}

/** "hex" or "id:hex" entries, the current first. */
function parseKeys(text: string, where: string): Key[] {
  const keys = text
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .flatMap((line) => line.split(/[\s,]+/))
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => {
      const hex = e.includes(':') ? (e.split(':')[1] ?? '') : e;
      if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new InvalidInput(`${where}中的字段加密密钥应为 32 位十六进制数（128 位 SM4 密钥）`);
      return keyOf(Buffer.from(hex, 'hex'));
    });
  if (keys.length === 0) throw new InvalidInput(`${where}中没有字段加密密钥`);
  return keys;
}

/** Where the key file is when none is named: beside the data directory, never inside the database or a backup. */
export function defaultKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(`${resolve(env.ZG_DATA || './data')}-keys`, 'field.keys');
}

function writeKeyFile(file: string, keys: readonly Buffer[]): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const text = `# 整改通字段加密密钥（SM4）：第一行为当前密钥，其余用于解密旧数据。妥善保管并另行备份；丢失则加密的字段无法恢复。\n${keys
    .map((k) => `${keyId(k)}:${k.toString('hex')}`)
    .join('\n')}\n`;
  const part = `${file}.${process.pid}.part`;
  writeFileSync(part, text, { mode: 0o600 });
  chmodSync(part, 0o600);
  renameSync(part, file);
}

/**
 * The keys, from the environment or the key file. A key file not there yet is made with one new key when `makeMissing`
 * says so — by default only at the default place; the server's start decides from the database (a database with
 * sealed fields and no key file has lost its key, and a new one would only hide that).
 */
export function loadFieldKeys(env: NodeJS.ProcessEnv = process.env, makeMissing = !env.ZG_FIELD_KEY_FILE?.trim()): FieldKeys {
  let keys: Key[];
  let file: string | null = null;
  if (env.ZG_FIELD_KEY?.trim()) keys = parseKeys(env.ZG_FIELD_KEY, '环境变量 ZG_FIELD_KEY ');
  else {
    file = resolve(env.ZG_FIELD_KEY_FILE?.trim() || defaultKeyFile(env));
    if (!existsSync(file)) {
      if (!makeMissing)
        throw new InvalidInput(
          env.ZG_FIELD_KEY_FILE?.trim() ? `环境变量 ZG_FIELD_KEY_FILE 所指的密钥文件“${file}”不存在` : `字段加密密钥文件“${file}”不存在`,
        );
      try {
        writeKeyFile(file, [randomBytes(16)]);
      } catch {
        throw new InvalidInput(`无法在“${dirname(file)}”中创建字段加密密钥文件：请确认目录存在且可写，或用 ZG_FIELD_KEY_FILE 指定别处`);
      }
    }
    keys = parseKeys(readFileSync(file, 'utf8'), `密钥文件“${file}”`);
  }
  return { current: keys[0] as Key, byId: new Map(keys.map((k) => [k.id, k])), file };
}

let loaded: FieldKeys | null = null;
/** The process's keys, read once. */
export function fieldKeys(): FieldKeys {
  loaded ??= loadFieldKeys();
  return loaded;
}

/** The keys for a start: a missing key file is made only when `makeMissing` (nothing sealed yet); kept as the process's. */
export function fieldKeysForStart(makeMissing: boolean): FieldKeys {
  loaded = loadFieldKeys(process.env, makeMissing);
  return loaded;
}

/** Forgets the keys read (after a rotation wrote new ones). */
export function forgetFieldKeys(): void {
  loaded = null;
}

const b64 = (b: Buffer) => b.toString('base64url');

function mac(key: Key, ...parts: string[]): Buffer {
  return createHmac('sm3', key.mac).update(parts.join(':')).digest();
}

/** A field as stored: SM4 ciphertext naming its key, or null for none. */
export function sealField(plain: string | null | undefined, keys: FieldKeys = fieldKeys()): string | null {
  if (plain === null || plain === undefined || plain === '') return plain === '' ? '' : null;
  const k = keys.current;
  const iv = randomBytes(16);
  const c = createCipheriv('sm4-cbc', k.enc, iv);
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return `${PREFIX}${k.id}:${b64(iv)}:${b64(ct)}:${b64(mac(k, k.id, b64(iv), b64(ct)))}`;
}

/** Whether a stored value is sealed (a value from before encryption is kept as it was written, and read as such). */
const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

export class FieldKeyMissing extends InvalidInput {
  constructor(readonly keyId: string) {
    super(
      `数据由另一把字段加密密钥（编号 ${keyId}）加密，本机没有这把密钥：多台服务器须使用同一个密钥文件（ZG_FIELD_KEY_FILE），轮换后的旧密钥也须保留`,
    );
  }
}

/** A stored field read back; one changed in the database is refused. */
export function openField(stored: string | null | undefined, keys: FieldKeys = fieldKeys()): string | null {
  if (stored === null || stored === undefined) return null;
  if (!isSealed(stored)) return stored;
  const [id, iv, ct, tag] = stored.slice(PREFIX.length).split(':') as [string, string, string, string];
  const k = keys.byId.get(id);
  if (!k) throw new FieldKeyMissing(id);
  const expected = mac(k, id, iv, ct);
  const given = Buffer.from(tag ?? '', 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error(`sealed field fails its MAC (key ${id})`);
  const d = createDecipheriv('sm4-cbc', k.enc, Buffer.from(iv, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
}

/** A new key made current in the key file, the old ones kept after it; the keys as they now are. */
export function addFieldKey(keys: FieldKeys = fieldKeys()): FieldKeys {
  if (!keys.file)
    throw new InvalidInput(
      '字段加密密钥由环境变量 ZG_FIELD_KEY 给出：请在其最前面加上新密钥（id:十六进制,旧密钥…）后重新启动，再运行 zg keys rotate',
    );
  const fresh = randomBytes(16);
  writeKeyFile(keys.file, [fresh, ...[...keys.byId.values()].map((k) => k.enc)]);
  forgetFieldKeys();
  return loadFieldKeys({ ...process.env, ZG_FIELD_KEY_FILE: keys.file, ZG_FIELD_KEY: '' });
}
