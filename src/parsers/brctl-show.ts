/**
 * Parser for `brctl show` (bridge-utils, or the BusyBox applet).
 *
 *   bridge name	bridge id		STP enabled	interfaces
 *   br-0123456789ab		8000.aa15ca663ddb	yes		vethaaa1111
 *   							vethbbb2222
 *   docker0		8000.024278cc117b	no
 *
 * One record per bridge. Things that are not obvious:
 *
 * - Columns are separated by tabs in real output but by spaces in copies (the course slides), so
 *   fields are split on any run of blanks.
 * - A bridge's first port is on its own line; every further port is alone on an indented
 *   continuation line. A bridge with no ports has no fourth field.
 * - When bridge-utils is missing the text is a shell's "command not found" (or BusyBox's
 *   `brctl: invalid argument 'show'` when the applet lacks `show`): there is no header line, so
 *   the text is rejected.
 * - A shell prompt line pasted before the header (`root@dh-home2 ~ >brctl show`) is skipped
 *   with a warning.
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { detectErrorText, rejected, result, splitLines } from './util.js';

export interface BrctlBridge {
  bridge: string;
  /** `<priority>.<mac>` as printed, e.g. `8000.0242f4708767`. */
  bridgeId: string;
  stp: boolean;
  interfaces: string[];
  line: number;
}

const HEADER_RE = /^bridge\s+name\s+bridge\s+id\s+STP\s+enabled\s+interfaces\s*$/i;
const PROMPT_RE = /[#$>]\s*(sudo\s+)?(busybox\s+)?brctl\s+show\b/;
const BRIDGE_ID_RE = /^[0-9a-f]{4}\.[0-9a-f]{12}$/i;

function parse(text: string): ParseResult<BrctlBridge> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  const headerAt = lines.findIndex((l) => HEADER_RE.test(l.trim()));
  if (headerAt < 0) {
    if (lines.every((l) => l.trim() === '')) return result([], []);
    const first = lines.find((l) => l.trim() !== '')!.trim();
    return rejected(
      `not \`brctl show\` output: no "bridge name ... interfaces" header (first line: ${first})`,
    );
  }
  const warnings: ParseWarning[] = [];
  for (let i = 0; i < headerAt; i++) {
    const l = lines[i]!.trim();
    if (l === '') continue;
    warnings.push({
      line: i + 1,
      ...coded(PROMPT_RE.test(l) ? 'skipped-prompt' : 'skipped-before-header', { text: l }),
    });
  }
  const bridges: BrctlBridge[] = [];
  let cur: BrctlBridge | undefined;
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = i + 1;
    const fields = raw.trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0) continue;
    if (/^\s/.test(raw)) {
      // A further port of the bridge above, alone on an indented line.
      if (cur && fields.length === 1) cur.interfaces.push(fields[0]!);
      else warnings.push({ line, ...coded('unrecognised-continuation', { text: raw.trim() }) });
      continue;
    }
    const [bridge, bridgeId, stp, ...ports] = fields as [
      string,
      string | undefined,
      string | undefined,
      ...string[],
    ];
    if (bridgeId === undefined || stp === undefined || !/^(yes|no)$/i.test(stp) || ports.length > 1) {
      warnings.push({ line, ...coded('unrecognised-bridge-line', { text: raw.trim() }) });
      cur = undefined;
      continue;
    }
    if (!BRIDGE_ID_RE.test(bridgeId))
      warnings.push({ line, ...coded('unusual-bridge-id', { id: bridgeId }) });
    cur = { bridge, bridgeId, stp: stp.toLowerCase() === 'yes', interfaces: ports, line };
    bridges.push(cur);
  }
  return result(bridges, warnings);
}

export const brctlShow: Parser<BrctlBridge> = {
  id: 'brctl-show',
  description: 'Bridges, their id, STP state and ports from `brctl show`',
  commands: ['brctl show'],
  parse,
};
