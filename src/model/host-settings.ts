/**
 * Host settings that decide how Docker traffic flows, correlated from the `sysctl-net` capture
 * (net.ipv4.ip_forward = 1, net.bridge.bridge-nf-call-iptables = 1) and dockerd's command line
 * in the host's `ps` (`/usr/bin/dockerd -H fd:// --iptables=false`).
 *
 * Only the command line is read here: a switch that is not on it stays undefined ("not seen"),
 * never "default". /etc/docker/daemon.json (parser docker-daemon-json) is weighed against it
 * where a fact needs both (src/model/engine-firewall.ts).
 */
import type { ParsedBundle } from '../parsers/parse-bundle.js';
import { evidenceOf, outputsOf } from './evidence.js';
import { recordsOf } from './records.js';
import type { ModelDockerDaemon, ModelSysctl } from './types.js';

export interface HostSettings {
  sysctls?: ModelSysctl[];
  dockerDaemon?: ModelDockerDaemon;
}

const DOCKERD_RE = /(^|\/)dockerd$/;

function bool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (/^(true|1|yes)$/i.test(v)) return true;
  if (/^(false|0|no)$/i.test(v)) return false;
  return undefined;
}

/** Long options of a Go (cobra/pflag) command line; `--flag value` is kept only for non-switches. */
export function daemonOptions(command: string): Record<string, string> {
  const words = command.split(/\s+/).filter(Boolean);
  const out: Record<string, string> = {};
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('--')) continue;
    const eq = w.indexOf('=');
    if (eq > 0) {
      out[w.slice(2, eq)] = w.slice(eq + 1);
      continue;
    }
    const next = words[i + 1];
    // pflag switches take no separate value: `--iptables false` would make `false` an argument.
    const isSwitch =
      /^(iptables|ip6tables|ip-forward|ip-masq|icc|userland-proxy|debug|experimental|live-restore)$/.test(
        w.slice(2),
      );
    if (!isSwitch && next !== undefined && !next.startsWith('-')) {
      out[w.slice(2)] = next;
      i++;
    } else {
      out[w.slice(2)] = 'true';
    }
  }
  return out;
}

export function buildHostSettings(parsed: ParsedBundle): HostSettings {
  const settings: HostSettings = {};
  const sysOutputs = outputsOf(parsed.outputs, 'host', ['sysctl-net']);
  if (sysOutputs.length > 0) {
    const byKey = new Map<string, ModelSysctl>();
    for (const o of sysOutputs) {
      for (const r of recordsOf(o, 'sysctl-net')) {
        const s: ModelSysctl = { key: r.key, evidence: evidenceOf(o, r.line) };
        if (!r.absent && r.value !== undefined) s.value = r.value;
        byKey.set(r.key, s);
      }
    }
    settings.sysctls = [...byKey.values()];
  }
  for (const o of outputsOf(parsed.outputs, 'host', ['ps'])) {
    const p = recordsOf(o, 'ps').find((r) => DOCKERD_RE.test(r.command.split(/\s+/)[0] ?? ''));
    if (!p) continue;
    const options = daemonOptions(p.command);
    const d: ModelDockerDaemon = { pid: p.pid, command: p.command, options, evidence: evidenceOf(o, p.line) };
    const set = (
      k: 'iptables' | 'ip6tables' | 'ipForward' | 'ipMasq' | 'icc' | 'userlandProxy',
      flag: string,
    ) => {
      const b = bool(options[flag]);
      if (b !== undefined) d[k] = b;
    };
    set('iptables', 'iptables');
    set('ip6tables', 'ip6tables');
    set('ipForward', 'ip-forward');
    set('ipMasq', 'ip-masq');
    set('icc', 'icc');
    set('userlandProxy', 'userland-proxy');
    settings.dockerDaemon = d;
    break;
  }
  return settings;
}
