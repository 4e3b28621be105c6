/**
 * A small JSON Schema validator for the subset docs/report-schema.json uses (ajv is not a
 * dependency): type (with "integer" and type lists), required, properties, items, enum, const,
 * additionalProperties (boolean or schema), $ref to #/$defs/..., anyOf. Annotations ($schema, $id,
 * title, description) are ignored; any other keyword is an error, so the schema cannot silently
 * rely on something this validator does not check.
 */
export type Schema = boolean | { [k: string]: unknown };

const KNOWN = new Set([
  '$schema',
  '$id',
  '$defs',
  'title',
  'description',
  'type',
  'required',
  'properties',
  'items',
  'enum',
  'const',
  'additionalProperties',
  '$ref',
  'anyOf',
]);

export interface SchemaError {
  path: string;
  message: string;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function matchesType(v: unknown, t: string): boolean {
  switch (t) {
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'object':
      return typeOf(v) === 'object';
    default:
      return typeOf(v) === t;
  }
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function validate(root: Schema, value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  const resolve = (ref: string): Schema => {
    const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
    const defs = typeof root === 'object' ? (root['$defs'] as Record<string, Schema> | undefined) : undefined;
    const s = m && defs ? defs[m[1]!] : undefined;
    if (s === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return s;
  };
  const check = (schema: Schema, v: unknown, path: string, out: SchemaError[]): void => {
    if (schema === true) return;
    if (schema === false) {
      out.push({ path, message: 'not allowed' });
      return;
    }
    for (const k of Object.keys(schema))
      if (!KNOWN.has(k)) throw new Error(`unsupported keyword ${k} at ${path}`);
    if (typeof schema['$ref'] === 'string') check(resolve(schema['$ref']), v, path, out);
    if (schema['type'] !== undefined) {
      const types = Array.isArray(schema['type']) ? (schema['type'] as string[]) : [schema['type'] as string];
      if (!types.some((t) => matchesType(v, t))) {
        out.push({ path, message: `expected ${types.join(' or ')}, got ${typeOf(v)}` });
        return;
      }
    }
    if ('const' in schema && !equal(schema['const'], v))
      out.push({ path, message: `expected ${JSON.stringify(schema['const'])}` });
    if (Array.isArray(schema['enum']) && !schema['enum'].some((e) => equal(e, v)))
      out.push({ path, message: `${JSON.stringify(v)} is not one of ${JSON.stringify(schema['enum'])}` });
    if (Array.isArray(schema['anyOf'])) {
      const ok = (schema['anyOf'] as Schema[]).some((s) => {
        const sub: SchemaError[] = [];
        check(s, v, path, sub);
        return sub.length === 0;
      });
      if (!ok) out.push({ path, message: 'matches none of anyOf' });
    }
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (schema['properties'] ?? {}) as Record<string, Schema>;
      for (const r of (schema['required'] ?? []) as string[])
        if (!(r in obj)) out.push({ path, message: `missing required property "${r}"` });
      for (const [k, val] of Object.entries(obj)) {
        const p = `${path}/${k}`;
        if (k in props) check(props[k]!, val, p, out);
        else if (schema['additionalProperties'] !== undefined)
          check(schema['additionalProperties'] as Schema, val, p, out);
      }
    }
    if (Array.isArray(v) && schema['items'] !== undefined) {
      v.forEach((item, i) => {
        check(schema['items'] as Schema, item, `${path}/${i}`, out);
      });
    }
  };
  check(root, value, '', errors);
  return errors;
}
