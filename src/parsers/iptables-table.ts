/**
 * Which table an `iptables -S` / `iptables -L` output shows. Neither prints the table's name
 * (`iptables -t nat -S` looks just like `iptables -S` with other chains), so it comes, in order,
 * from: the command line (`-t nat`, `--table=nat`, `-tnat`), the command id's spec
 * (`iptablesTable`), the command line again (an `iptables` command without `-t` shows `filter`,
 * by iptables' own default), or the built-in chains the output lists. Text alone is never
 * assumed to be `filter`.
 *
 * Built-in chains per table (the kernel's, since 2.6.36 nat also has INPUT):
 *   filter   INPUT FORWARD OUTPUT              security  INPUT FORWARD OUTPUT
 *   nat      PREROUTING INPUT OUTPUT POSTROUTING
 *   raw      PREROUTING OUTPUT                  mangle    all five
 * Both -S and -L print every built-in chain of the table when no chain is named, so the set is
 * decisive except filter vs security, told apart by security's targets (SECMARK, CONNSECMARK).
 * With one chain named (`iptables -S FORWARD`) only table-specific targets can tell (DNAT, SNAT,
 * MASQUERADE, REDIRECT -> nat; CT, NOTRACK -> raw; TOS, TTL, CHECKSUM, TPROXY... -> mangle).
 */
import type { ParseContext } from './types.js';

export interface TableGuess {
  table?: string;
  source?: 'spec' | 'command' | 'chains' | 'targets';
}

const TABLES = new Set(['filter', 'nat', 'raw', 'mangle', 'security']);

/** `-t nat`, `--table nat`, `--table=nat`, `-tnat` in a command's words or text. */
export function tableFromCommand(command: string | string[] | undefined): string | undefined {
  if (command === undefined) return undefined;
  const words = Array.isArray(command) ? command : command.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if ((w === '-t' || w === '--table') && words[i + 1] !== undefined) return words[i + 1];
    const m = /^(?:--table=|-t)(\w+)$/.exec(w);
    if (m) return m[1];
  }
  return undefined;
}

/** `iptables ...`, `/usr/sbin/ip6tables-legacy ...`, `sudo iptables-nft ...`. */
function isIptablesCommand(command: string | string[] | undefined): boolean {
  if (command === undefined) return false;
  const words = Array.isArray(command) ? command : command.split(/\s+/).filter(Boolean);
  return words.some((w) => /(^|\/)ip6?tables(-legacy|-nft)?$/.test(w));
}

const NAT_TARGETS = new Set(['DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'NETMAP']);
const RAW_TARGETS = new Set(['CT', 'NOTRACK']);
const MANGLE_TARGETS = new Set(['TOS', 'TTL', 'HL', 'CHECKSUM', 'TPROXY', 'ECN', 'DSCP', 'TCPOPTSTRIP']);
const SECURITY_TARGETS = new Set(['SECMARK', 'CONNSECMARK']);

/**
 * The table, from what the caller knows (context) or else from the built-in chains and targets
 * the output shows. `builtins` are the chains with a policy; `targets` every rule target.
 */
export function iptablesTable(
  context: ParseContext | undefined,
  builtins: Iterable<string>,
  targets: Iterable<string>,
): TableGuess {
  // The command line is the most direct evidence: `-t X`, or no `-t` at all (filter).
  const fromCommand = tableFromCommand(context?.command);
  if (fromCommand && TABLES.has(fromCommand)) return { table: fromCommand, source: 'command' };
  if (context?.iptablesTable) return { table: context.iptablesTable, source: 'spec' };
  if (fromCommand === undefined && isIptablesCommand(context?.command))
    return { table: 'filter', source: 'command' };
  const b = new Set(builtins);
  const t = new Set(targets);
  const has = (...c: string[]) => c.every((x) => b.has(x));
  if (b.size > 0) {
    if (has('PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'))
      return { table: 'mangle', source: 'chains' };
    if (has('PREROUTING', 'POSTROUTING') && !b.has('FORWARD')) return { table: 'nat', source: 'chains' };
    if (has('PREROUTING', 'OUTPUT') && b.size === 2) return { table: 'raw', source: 'chains' };
    if (has('INPUT', 'FORWARD', 'OUTPUT') && b.size === 3) {
      if ([...t].some((x) => SECURITY_TARGETS.has(x))) return { table: 'security', source: 'chains' };
      return { table: 'filter', source: 'chains' };
    }
  }
  for (const [set, table] of [
    [NAT_TARGETS, 'nat'],
    [RAW_TARGETS, 'raw'],
    [MANGLE_TARGETS, 'mangle'],
    [SECURITY_TARGETS, 'security'],
  ] as const) {
    if ([...t].some((x) => set.has(x))) return { table, source: 'targets' };
  }
  return {};
}
