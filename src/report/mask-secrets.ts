/**
 * Mask secrets that a bundle contains anyway. The collector never asks for environment values or
 * label values, but a hand-made `docker inspect`, a `ps` line or a pasted file may carry them, and
 * a report is made to be passed around. Applied to every raw file text of the Report (the appendix)
 * and to the process command lines of the model, so the HTML and JSON never hold the values.
 *
 * What is masked (the value becomes `***`, the name is kept):
 * - `KEY=VALUE` and `"KEY": "VALUE"` where KEY contains PASS, PASSWORD, SECRET, TOKEN, API_KEY /
 *   APIKEY, PRIVATE, CREDENTIAL or AUTH (any case): `DB_PASSWORD=hunter2`,
 *   `traefik.http.middlewares.auth.basicauth.users=admin:$apr1$...`, `--password=x`, `TOKEN=abc`.
 * - Options that take a secret as the next word: `--password x` (also `--passwd`, `--pass`,
 *   `--token`, `--secret`, `--api-key`, `--client-secret`, `--auth` ...), and the short forms of
 *   known tools: `mysql -pX` (mysql, mysqldump, mysqladmin, mariadb...), `sshpass -p X`,
 *   `redis-cli -a X`.
 * - Basic-auth URLs: `scheme://user:pass@host` -> `scheme://user:***@host`.
 * - JSON `"Env": [ "NAME=value", ... ]` arrays: every value, whatever the variable's name.
 * - `-----BEGIN ... PRIVATE KEY-----` blocks: every line between BEGIN and END (to the end of
 *   the text when END is missing).
 *
 * Line structure is never changed (no newline is added or removed): evidence links point at
 * line numbers of these texts. Masking is idempotent: `***` is not masked again nor counted.
 */

export const MASK = '***';

export interface MaskResult {
  text: string;
  /** Number of values replaced by `***`. */
  count: number;
}

const SECRET_WORD = /(PASS(WORD)?|SECRET|TOKEN|API_?KEY|PRIVATE|CREDENTIAL|AUTH)/i;

/** `KEY=VALUE`: KEY is a word (letters, digits, `_`, `.`, `-`), the value runs to a space or quote. */
const KEY_VALUE = /(?<![\w.-])(-{0,2}[A-Za-z_][\w.-]*)=([^\s"'`,;&]+)/g;
/** `"KEY": "VALUE"` (JSON, YAML-ish with quotes). */
const JSON_PAIR = /"((?:[^"\\\n]|\\.)*)"(\s*:\s*)"((?:[^"\\\n]|\\.)*)"/g;
/** The value of an option: one word, or a quoted string (the quotes are masked with it). */
const VALUE = String.raw`(?:"[^"\n]*"|'[^'\n]*'|[^\s"'${'`'}]+)`;
/**
 * `--password x`, `--api-key x`: long options naming a secret (LONG_SECRET), value in the next
 * word, also as separate strings of a JSON array (`"--password", "x"`).
 */
const LONG_OPTION = new RegExp(
  String.raw`(?<![\w-])(--[\w-]+)([ \t]+|"\s*,\s*"(?=[^"]))(?!-)(${VALUE})`,
  'g',
);
const LONG_SECRET = /pass(word|wd)?|secret|token|api-?key|credential|auth/i;
/** Short options of known tools: mysql -pX, sshpass -p X, redis-cli -a X. */
const MYSQL_TOOLS =
  'mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlpump|mariadb|mariadb-dump|mariadb-admin';
const MYSQL_P = new RegExp(String.raw`(\b(?:${MYSQL_TOOLS})\b[^\n]*?[ \t]-p)(${VALUE})`, 'g');
const SSHPASS_P = new RegExp(String.raw`(\bsshpass\b[^\n]*?[ \t]-p[ \t]*)(${VALUE})`, 'g');
const REDIS_A = new RegExp(String.raw`(\bredis-cli\b[^\n]*?[ \t]-a[ \t]+)(${VALUE})`, 'g');
/** scheme://user:password@host */
const URL_AUTH = /((?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:/@"'`]+:)([^\s@/"'`]+)(@)/gi;
const ENV_ARRAY = /"Env"\s*:\s*\[/g;
const JSON_STRING = /"((?:[^"\\]|\\.)*)"/y;
const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/g;
const PEM_END = /-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/g;

/**
 * Whether a text names anything secret at all (any key or option the patterns below mask needs
 * one of these words): a 20,000-line output without one skips the key, JSON and option patterns.
 */
const ANY_SECRET_WORD = /pass|secret|token|api[-_]?key|private|credential|auth/i;
/** The tools whose short options are masked (MYSQL_P, SSHPASS_P, REDIS_A need their names). */
const ANY_TOOL = /mysql|mariadb|sshpass|redis-cli/;

const isMasked = (v: string) => v === MASK || v === '' || v === '\\"\\"' || /^(["'])\1$/.test(v);

export function maskSecrets(input: string): MaskResult {
  let count = 0;
  let text = input;
  // Fast path: nothing that any pattern could match.
  if (!/[=:-]/.test(text)) return { text, count };

  text = maskPrivateKeys(text, () => count++);
  text = maskEnvArrays(text, () => count++);

  const secretWords = ANY_SECRET_WORD.test(text);
  if (secretWords)
    text = text.replace(JSON_PAIR, (all, key: string, sep: string, value: string) => {
      if (!SECRET_WORD.test(key) || isMasked(value)) return all;
      count++;
      return `"${key}"${sep}"${MASK}"`;
    });
  if (secretWords)
    text = text.replace(KEY_VALUE, (all, key: string, value: string) => {
      if (!SECRET_WORD.test(key) || isMasked(value)) return all;
      count++;
      return `${key}=${MASK}`;
    });
  // Each of these captures (prefix..., value): the value is masked when `secret` says so.
  const byValue = (re: RegExp, secret: (prefix: string[]) => boolean = () => true) => {
    text = text.replace(re, (all: string, ...args: unknown[]) => {
      const caps = args.slice(
        0,
        args.findIndex((g) => typeof g === 'number'),
      ) as string[];
      const value = caps[caps.length - 1]!;
      if (isMasked(value) || !secret(caps.slice(0, -1))) return all;
      count++;
      return `${caps.slice(0, -1).join('')}${MASK}`;
    });
  };
  if (secretWords) byValue(LONG_OPTION, ([name]) => LONG_SECRET.test(name!));
  if (ANY_TOOL.test(text)) {
    byValue(MYSQL_P);
    byValue(SSHPASS_P);
    byValue(REDIS_A);
  }
  if (text.includes('://'))
    text = text.replace(URL_AUTH, (all, head: string, value: string, at: string) => {
      if (isMasked(value)) return all;
      count++;
      return `${head}${MASK}${at}`;
    });
  return { text, count };
}

/** Every line between BEGIN and END of a private key becomes `***` (one count per block). */
function maskPrivateKeys(text: string, counted: () => void): string {
  if (!text.includes('PRIVATE KEY')) return text;
  let out = '';
  let pos = 0;
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m; m = PEM_BEGIN.exec(text)) {
    const bodyStart = m.index + m[0].length;
    PEM_END.lastIndex = bodyStart;
    const end = PEM_END.exec(text);
    const bodyEnd = end ? end.index : text.length;
    const body = text.slice(bodyStart, bodyEnd);
    const masked = body.replace(/[^\r\n]+/g, (line) => (line.trim() === '' ? line : MASK));
    out += text.slice(pos, bodyStart) + masked;
    if (masked !== body) counted();
    pos = bodyEnd;
    PEM_BEGIN.lastIndex = end ? end.index + end[0].length : text.length;
    if (!end) break;
  }
  return out + text.slice(pos);
}

/** `"Env": ["A=1", "B=2"]` (one line or pretty-printed): each value after the first `=`. */
function maskEnvArrays(text: string, counted: () => void): string {
  if (!text.includes('"Env"')) return text;
  let out = '';
  let pos = 0;
  ENV_ARRAY.lastIndex = 0;
  for (let m = ENV_ARRAY.exec(text); m; m = ENV_ARRAY.exec(text)) {
    let i = m.index + m[0].length;
    out += text.slice(pos, i);
    for (;;) {
      while (i < text.length && /[\s,]/.test(text[i]!)) out += text[i++];
      if (text[i] !== '"') break;
      JSON_STRING.lastIndex = i;
      const s = JSON_STRING.exec(text);
      if (!s) break;
      const inner = s[1]!;
      const eq = inner.indexOf('=');
      const value = eq >= 0 ? inner.slice(eq + 1) : '';
      if (eq >= 0 && !isMasked(value)) {
        counted();
        out += `"${inner.slice(0, eq + 1)}${MASK}"`;
      } else out += s[0];
      i += s[0].length;
    }
    pos = i;
    ENV_ARRAY.lastIndex = i;
  }
  return out + text.slice(pos);
}
