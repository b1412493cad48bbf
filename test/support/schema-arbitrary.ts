// Arbitraries from the API's own OpenAPI description (the JSON Schema that fastify-type-provider-zod derives from the
// routes' zod schemas): values that fit a schema, and junk around them — wrong types, huge strings, impossible
// dates, odd unicode, extra and missing fields. The fuzz test (test/api-fuzz.test.ts) sends both.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  default?: unknown;
}

/** Strings that have broken servers before: impossible dates, numbers as text, control characters, SQL, paths. */
export const nastyString = fc.constantFrom(
  '',
  ' ',
  '2024-99-99',
  '2023-02-29',
  '0000-00-00',
  '9999-12-31',
  '2024-1-1',
  '2024-13',
  '-1',
  '0',
  '1e309',
  'NaN',
  '2147483648',
  '99999999999999999999',
  'null',
  'true',
  '\u0000',
  '\uD800',
  '\uFEFF整改',
  '𠮷𠮷𠮷',
  "'; drop table problem; --",
  '../../etc/passwd',
  '%00',
  '%',
  '<script>alert(1)</script>',
  '{"a":',
  'ＸＣ２０２５－０１',
  '巡'.repeat(5000),
);

const utf16 = (max: number, min = 0) =>
  fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: max }),
    fc.string({ unit: 'binary', minLength: min, maxLength: max }),
  );

/** Any JSON value, now and then a huge one. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, 0.5, 1e-300, Number.MAX_SAFE_INTEGER + 2) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(200_000)) },
  { weight: 1, arbitrary: fc.array(fc.constant(1), { minLength: 1000, maxLength: 1001 }) },
);

const day = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  const max = Math.min(s.maxLength ?? 60, 300);
  const min = Math.min(s.minLength ?? 0, max);
  if (s.format === 'date' || s.pattern === '^\\d{4}-\\d{2}-\\d{2}$')
    return fc.oneof({ weight: 4, arbitrary: day }, { weight: 1, arbitrary: fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  if (s.pattern === '^\\d{4}-\\d{2}$')
    return fc.oneof({ weight: 4, arbitrary: day.map((d) => d.slice(0, 7)) }, { weight: 1, arbitrary: fc.stringMatching(/^\d{4}-\d{2}$/) });
  if (s.pattern) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(s.pattern);
    } catch {
      re = null;
    }
    if (re) return fc.stringMatching(re).filter((x) => x.length <= (s.maxLength ?? Infinity));
  }
  return utf16(max, min);
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  let min = s.minimum ?? -1e6;
  let max = s.maximum ?? 1e6;
  if (s.exclusiveMinimum === true) min = integer ? min + 1 : min + 1e-9;
  else if (typeof s.exclusiveMinimum === 'number') min = integer ? s.exclusiveMinimum + 1 : s.exclusiveMinimum + 1e-9;
  if (s.exclusiveMaximum === true) max = integer ? max - 1 : max - 1e-9;
  else if (typeof s.exclusiveMaximum === 'number') max = integer ? s.exclusiveMaximum - 1 : s.exclusiveMaximum - 1e-9;
  min = Math.max(min, -Number.MAX_SAFE_INTEGER);
  max = Math.min(max, Number.MAX_SAFE_INTEGER);
  if (integer) {
    const lo = Math.ceil(min);
    const hi = Math.floor(max);
    // mostly small numbers (they reach the database), now and then the bounds themselves
    return fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: lo, max: Math.min(hi, Math.max(lo, 0) + 1000) }) },
      { weight: 1, arbitrary: fc.constantFrom(lo, hi) },
    );
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** A value that fits the schema (as far as a JSON Schema can say what the zod schema checks). */
export function fitting(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => fitting(a, depth)));
  if (s.allOf && s.allOf.length > 0) return fitting(Object.assign({}, ...s.allOf) as JsonSchema, depth);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((t) => fitting({ ...s, type: t }, depth)));
  const base = ((): fc.Arbitrary<unknown> => {
    switch (types[0]) {
      case 'null':
        return fc.constant(null);
      case 'string':
        return stringArb(s);
      case 'integer':
        return numberArb(s, true);
      case 'number':
        return numberArb(s, false);
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(s.items ? fitting(s.items, depth + 1) : fc.jsonValue({ maxDepth: 1 }), {
          minLength: s.minItems ?? 0,
          maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, depth > 1 ? 1 : 4)),
        });
      case 'object': {
        const props = s.properties ?? {};
        const names = Object.keys(props);
        if (names.length === 0 && s.additionalProperties && typeof s.additionalProperties === 'object')
          return fc.dictionary(
            s.propertyNames ? (fitting(s.propertyNames, depth + 1) as fc.Arbitrary<string>) : utf16(20, 1),
            fitting(s.additionalProperties, depth + 1),
            { maxKeys: 3 },
          );
        const required = new Set(s.required ?? []);
        return fc.record(Object.fromEntries(names.map((n) => [n, fitting(props[n] as JsonSchema, depth + 1)])), {
          requiredKeys: names.filter((n) => required.has(n)),
        });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return s.nullable ? fc.oneof(base, fc.constant(null)) : base;
}

type Edit = 'replace' | 'add' | 'drop';

/** Changes one place in a value: replaces it with junk, adds an unknown field beside it, or drops it. */
function edit(value: unknown, at: number, how: Edit, junk: unknown, extraKey: string): unknown {
  const places: { parent: Record<string, unknown> | unknown[] | null; key: string | number }[] = [{ parent: null, key: '' }];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (places.push({ parent: v, key: i }), walk(x)));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) places.push({ parent: v as Record<string, unknown>, key: k }), walk(x);
  };
  const root = structuredClone(value);
  walk(root);
  const p = places[at % places.length] as (typeof places)[number];
  if (!p.parent) {
    if (how === 'add' && root && typeof root === 'object' && !Array.isArray(root)) return { ...root, [extraKey]: junk };
    return junk;
  }
  const parent = p.parent as Record<string | number, unknown>;
  if (how === 'replace') parent[p.key] = junk;
  else if (how === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(p.key), 1);
    else delete parent[p.key];
  } else {
    const target = parent[p.key];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[extraKey] = junk;
    else if (!Array.isArray(parent)) parent[extraKey] = junk;
  }
  return root;
}

/** A fitting value with one place spoiled. */
export function spoiled(s: JsonSchema): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      fitting(s),
      fc.nat(),
      fc.constantFrom<Edit>('replace', 'add', 'drop'),
      junkValue,
      fc.oneof(fc.constantFrom('extra', '__proto__', 'constructor', '额外'), utf16(12, 1)),
    )
    .map(([v, at, how, junk, key]) => edit(v, at, how, junk, key));
}

/** Fitting, spoiled, or anything at all. */
export function anyValue(s: JsonSchema): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: fitting(s) }, { weight: 3, arbitrary: spoiled(s) }, { weight: 1, arbitrary: junkValue });
}
