/**
 * Turning text from a bundle (interface, container, process names: anything a hostile host can
 * choose) into a Mermaid label that is shown as written and can do nothing else.
 *
 * Every label is emitted quoted (`n1["..."]`, `subgraph g1["..."]`, `-->|"..."|`), and its text is
 * rewritten by one rule, applied to each displayed line (data and our own words alike):
 *
 * | text                    | becomes                 | why                                                      |
 * |-------------------------|-------------------------|----------------------------------------------------------|
 * | `&` `<` `>`             | `#amp;` `#lt;` `#gt;`   | Mermaid entity codes; the only ones it decodes when      |
 * |                         |                         | htmlLabels is off (others would show as `&#35;`)         |
 * | `"`                     | `″` (U+2033)            | ends the quoted label                                    |
 * | backtick                | `′` (U+2032)            | "`...`" starts a markdown label                          |
 * | `;`                     | `;` (U+037E, same look) | with `#word` it forms an entity code (`#quot;`)          |
 * | `%%`                    | `% %`                   | comment and `%%{init}%%` directive, found even in labels |
 * | `style`, `classDef`     | a zero-width space      | Mermaid rewrites `style...:...#...;` lines before        |
 * |                         | after `st` / `class`    | parsing, eating the last `;` of an entity code           |
 * | newline, tab, U+2028/9  | space                   | a label is one line of source                            |
 * | other control chars     | `�` (U+FFFD)            |                                                          |
 * | bidi overrides/isolates | `�` (U+FFFD)            | they could make a label read as something else           |
 * | `ﬂ` (U+FB02), `¶ß`      | `fl`, `¶ ß`             | Mermaid's own placeholders for entity codes              |
 *
 * Everything else is kept: `@` (veth9c996da@if4), `:` (IPv6, ports), brackets, `|`, `#`, `-`,
 * emoji and other scripts are inert inside a quoted label (the tests prove each by parsing).
 * A line longer than `max` characters (code points) is cut with `…` before the rule applies,
 * so a 5,000-character name costs at most `max` characters in the source. Lines are joined with
 * `<br/>`, which Mermaid draws as a line break also with htmlLabels off.
 *
 * Separate from the flowchart writer (flowchart.ts, its only caller) because it is the one place
 * where text chosen by the captured host meets Mermaid's syntax: small, pure, tested on its own
 * (test/mermaid.test.ts, hostile names) and reviewed as a security boundary.
 */

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
const LINE_BREAKS = /[\t\n\r\u0085\u2028\u2029]/g;

export const DEFAULT_MAX_LINE = 48;

/** Shorten to `max` code points (surrogate pairs kept whole), marking the cut with `…`. */
export function truncate(text: string, max = DEFAULT_MAX_LINE): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** One displayed line -> Mermaid-safe label text (no surrounding quotes). */
export function escapeLine(text: string, max = DEFAULT_MAX_LINE): string {
  let t = truncate(String(text), max)
    .replace(LINE_BREAKS, ' ')
    .replace(CONTROL, '\ufffd')
    .replace(BIDI, '\ufffd')
    .replace(/\ufb02/g, 'fl')
    .replace(/¶(?=ß)/g, '¶ ')
    .replace(/style/g, 'st\u200byle')
    .replace(/classDef/g, 'class\u200bDef')
    .replace(/%(?=%)/g, '% ');
  t = t.replace(/[&<>"`;]/g, (c) => REPLACE[c]!);
  return t;
}

const REPLACE: Record<string, string> = {
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '"': '\u2033',
  '`': '\u2032',
  ';': '\u037e',
};

/** Several displayed lines -> one quoted Mermaid label: `"line 1<br/>line 2"`. */
export function label(lines: readonly string[] | string, max = DEFAULT_MAX_LINE): string {
  const all = (typeof lines === 'string' ? [lines] : lines).filter((l) => l !== '');
  return `"${all.map((l) => escapeLine(l, max)).join('<br/>')}"`;
}

/**
 * What a label's text will look like once Mermaid has drawn it: the inverse of the entity codes
 * and `<br/>` (as newlines). For tests, and for checking that data survives the escaping.
 */
export function displayedText(quoted: string): string {
  return quoted
    .replace(/^"|"$/g, '')
    .replace(/<br\/>/g, '\n')
    .replace(/#lt;/g, '<')
    .replace(/#gt;/g, '>')
    .replace(/#amp;/g, '&');
}
