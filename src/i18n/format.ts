/**
 * A small ICU MessageFormat formatter: the subset the catalogs use, with `Intl` doing the
 * language work (plural rules, list joining, number formatting). A big dependency (messageformat,
 * intl-messageformat) would bring a parser for every ICU corner the catalogs never use.
 *
 *   {name}                                  the value as given (a port stays `60000`, never `60.000`)
 *   {n, number}                             Intl.NumberFormat of the language
 *   {n, plural, =0 {none} one {# port} other {# ports}}   Intl.PluralRules; `#` is the number,
 *                                           ungrouped (`1500 ports`: counts sit beside ports and PIDs)
 *   {kind, select, host {...} other {...}}  one branch by value; an empty value ('' or []) picks `none`
 *   {items, list}  {items, list, or}     Intl.ListFormat ("a, b and c", "a, b oder c")
 *   {items, list, unit}                   comma-separated, the same in every language (technical lists)
 *
 * Quoting as in ICU: `''` is one apostrophe; `'{` starts literal text up to the next lone `'`.
 * A lone apostrophe elsewhere is literal (`the host's`, `Docker's`).
 */

export type MessageValue = string | number | readonly string[];
export type MessageParams = Readonly<Record<string, MessageValue>>;

type Node =
  | { t: 'text'; v: string }
  | { t: 'arg'; name: string }
  | { t: 'hash' }
  | { t: 'number'; name: string }
  | { t: 'list'; name: string; style: 'and' | 'or' | 'unit' }
  | { t: 'plural'; name: string; branches: Record<string, Node[]> }
  | { t: 'select'; name: string; branches: Record<string, Node[]> };

export class MessageSyntaxError extends Error {}

/** One message parsed into nodes; throws MessageSyntaxError with the position on bad syntax. */
export function parseMessage(src: string): Node[] {
  let i = 0;
  const fail = (why: string): never => {
    throw new MessageSyntaxError(`${why} at ${i} in: ${src}`);
  };
  // White space as the regex \s sees it, without a regex per ASCII character.
  const isSpace = (at: number) => {
    const c = src.charCodeAt(at);
    return c < 128 ? c === 32 || (c >= 9 && c <= 13) : /\s/.test(src[at]!);
  };
  const ws = () => {
    while (i < src.length && isSpace(i)) i++;
  };
  const ident = (): string => {
    ws();
    const m = /^[A-Za-z0-9_=.-]+/.exec(src.slice(i));
    if (!m) fail('expected a name');
    i += m![0].length;
    ws();
    return m![0];
  };
  // inPlural: `#` is the number; depth > 0: `}` ends the branch.
  const nodes = (inPlural: boolean, depth: number): Node[] => {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ t: 'text', v: text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i]!;
      if (c === "'") {
        const n = src[i + 1];
        if (n === "'") {
          text += "'";
          i += 2;
        } else if (n === '{' || n === '}' || (inPlural && n === '#')) {
          const end = src.indexOf("'", i + 1);
          if (end < 0) fail('unterminated quote');
          text += src.slice(i + 1, end);
          i = end + 1;
        } else {
          text += c;
          i++;
        }
      } else if (c === '{') {
        flush();
        i++;
        out.push(argument(inPlural));
      } else if (c === '}') {
        if (depth === 0) fail('unmatched }');
        break;
      } else if (c === '#' && inPlural) {
        flush();
        out.push({ t: 'hash' });
        i++;
      } else {
        // Plain text up to the next character that means something here, as one slice (a
        // character at a time, parsing the catalogs took ~40 ms of a cold run).
        let j = i + 1;
        while (j < src.length) {
          const d = src.charCodeAt(j);
          if (d === 39 || d === 123 || d === 125 || (inPlural && d === 35)) break;
          j++;
        }
        text += src.slice(i, j);
        i = j;
      }
    }
    flush();
    return out;
  };
  const branches = (inPlural: boolean): Record<string, Node[]> => {
    const out: Record<string, Node[]> = {};
    ws();
    while (i < src.length && src[i] !== '}') {
      const key = ident();
      if (src[i] !== '{') fail(`expected { after ${key}`);
      i++;
      out[key] = nodes(inPlural, 1);
      if (src[i] !== '}') fail('unterminated branch');
      i++;
      ws();
    }
    if (!out.other) fail('a plural or select needs an `other` branch');
    return out;
  };
  const argument = (inPlural: boolean): Node => {
    const name = ident();
    let node: Node;
    if (src[i] === '}') node = { t: 'arg', name };
    else {
      if (src[i] !== ',') fail('expected , or }');
      i++;
      const type = ident();
      if (type === 'number') node = { t: 'number', name };
      else if (type === 'list') {
        let style: 'and' | 'or' | 'unit' = 'and';
        if (src[i] === ',') {
          i++;
          const s = ident();
          if (s !== 'or' && s !== 'unit' && s !== 'and') fail(`unknown list style ${s}`);
          style = s as typeof style;
        }
        node = { t: 'list', name, style };
      } else if (type === 'plural' || type === 'select') {
        if (src[i] !== ',') fail('expected , before the branches');
        i++;
        node = { t: type, name, branches: branches(type === 'plural' || inPlural) };
      } else return fail(`unknown argument type ${type}`);
    }
    ws();
    if (src[i] !== '}') fail('expected }');
    i++;
    return node;
  };
  const out = nodes(false, 0);
  if (i < src.length) fail('trailing text');
  return out;
}

/** What a message asks for: each argument with its type, and the branch keys of each plural. */
export interface MessageShape {
  args: Record<string, string>;
  plurals: Record<string, string[]>;
}

export function messageShape(src: string): MessageShape {
  const shape: MessageShape = { args: {}, plurals: {} };
  const walk = (ns: Node[]) => {
    for (const n of ns) {
      if (n.t === 'text' || n.t === 'hash') continue;
      if (n.t === 'list') shape.args[n.name] = 'list';
      else if (n.t === 'number') shape.args[n.name] = 'number';
      else if (n.t === 'arg') shape.args[n.name] ??= 'text';
      else {
        shape.args[n.name] = n.t;
        if (n.t === 'plural')
          shape.plurals[n.name] = [
            ...new Set([...(shape.plurals[n.name] ?? []), ...Object.keys(n.branches)]),
          ].sort();
        for (const b of Object.values(n.branches)) walk(b);
      }
    }
  };
  walk(parseMessage(src));
  return shape;
}

interface IntlSet {
  plural: Intl.PluralRules;
  number: Intl.NumberFormat;
  count: Intl.NumberFormat;
  lists: Record<'and' | 'or' | 'unit', Intl.ListFormat>;
}

const intlCache = new Map<string, IntlSet>();

/**
 * A locale's formatters, each made on first use: making them costs ~80 ms at start (ICU's data
 * for plural rules, numbers and lists), and most messages (the CLI's help, the parsers'
 * warnings) need none of them.
 */
function intlFor(locale: string): IntlSet {
  let s = intlCache.get(locale);
  if (!s) {
    let plural: Intl.PluralRules | undefined;
    let number: Intl.NumberFormat | undefined;
    let count: Intl.NumberFormat | undefined;
    let and: Intl.ListFormat | undefined;
    let or: Intl.ListFormat | undefined;
    s = {
      get plural() {
        plural ??= new Intl.PluralRules(locale);
        return plural;
      },
      get number() {
        number ??= new Intl.NumberFormat(locale);
        return number;
      },
      get count() {
        count ??= new Intl.NumberFormat(locale, { useGrouping: false });
        return count;
      },
      lists: {
        get and() {
          and ??= new Intl.ListFormat(locale, { type: 'conjunction' });
          return and;
        },
        get or() {
          or ??= new Intl.ListFormat(locale, { type: 'disjunction' });
          return or;
        },
        unit: { format: (items: Iterable<string>) => [...items].join(', ') } as Intl.ListFormat,
      },
    };
    intlCache.set(locale, s);
  }
  return s;
}

function str(v: MessageValue | undefined): string {
  if (v === undefined) return '';
  return Array.isArray(v) ? v.join(', ') : String(v);
}

function run(nodes: Node[], params: MessageParams, intl: IntlSet, hash?: number): string {
  let out = '';
  for (const n of nodes) {
    switch (n.t) {
      case 'text':
        out += n.v;
        break;
      case 'hash':
        out += hash === undefined ? '#' : intl.count.format(hash);
        break;
      case 'arg':
        out += str(params[n.name]);
        break;
      case 'number':
        out += intl.number.format(Number(params[n.name]));
        break;
      case 'list': {
        const v = params[n.name];
        out += intl.lists[n.style].format(
          Array.isArray(v) ? v : v === undefined || v === '' ? [] : [String(v)],
        );
        break;
      }
      case 'plural': {
        const num = Number(params[n.name]);
        const b = n.branches[`=${num}`] ?? n.branches[intl.plural.select(num)] ?? n.branches.other!;
        out += run(b, params, intl, num);
        break;
      }
      case 'select': {
        const v = str(params[n.name]);
        const b = n.branches[v === '' ? 'none' : v] ?? n.branches.other!;
        out += run(b, params, intl, hash);
        break;
      }
    }
  }
  return out;
}

const parsed = new Map<string, Node[]>();

/** Format one message in a locale (`en`, `de`). Unknown parameters are empty; syntax errors throw. */
export function formatMessage(locale: string, src: string, params: MessageParams = {}): string {
  let nodes = parsed.get(src);
  if (!nodes) {
    nodes = parseMessage(src);
    parsed.set(src, nodes);
  }
  return run(nodes, params, intlFor(locale));
}
