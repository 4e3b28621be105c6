/**
 * What a socket is, told from its owner and port (netstat -p / ss -p): the table of roles the
 * host-sockets and container questions use. Generic: a process name or a well-known port, never a
 * host's own names.
 *
 *   tcp   0.0.0.0:22     LISTEN  804/sshd          -> the OpenSSH server
 *   tcp6  :::60000       LISTEN  3491/docker-proxy -> Docker's userland proxy for a published port
 */
import type { ModelSocket, StepModel } from '../model/types.js';
import { bare, code } from './util.js';

const WELL_KNOWN: Record<number, string> = {
  22: 'SSH',
  25: 'SMTP (mail)',
  53: 'DNS',
  67: 'DHCP server',
  68: 'DHCP client',
  80: 'HTTP',
  111: 'rpcbind (NFS, RPC)',
  123: 'NTP (time)',
  443: 'HTTPS',
  631: 'IPP (printing)',
  2375: 'the Docker API without TLS',
  2376: 'the Docker API with TLS',
  5353: 'mDNS',
  8080: 'HTTP (alternative port)',
};

/** Value of `-flag value` in a command line. */
export function argOf(command: string | undefined, flag: string): string | undefined {
  if (!command) return undefined;
  const words = command.split(/\s+/);
  const i = words.indexOf(flag);
  return i >= 0 ? words[i + 1] : undefined;
}

function owner(s: ModelSocket): string {
  const cmd = s.processCommand ?? s.program ?? '';
  return cmd;
}

/** One phrase: what this socket is. */
export function socketRole(s: ModelSocket, model: StepModel): string {
  const cmd = owner(s);
  const port = s.localPortNumber;
  const prog = s.program ?? '';
  if (/docker-proxy/.test(cmd)) {
    const cip = argOf(s.processCommand, '-container-ip');
    const cport = argOf(s.processCommand, '-container-port');
    const target = model.publishedPorts.find((p) => p.hostPort === port && p.containerIp === cip);
    return `Docker's userland proxy for the published port ${port ?? s.localPort}${
      cip ? `: it forwards connections to ${code(`${cip}:${cport ?? '?'}`)}` : ''
    }${target?.container ? ` (container ${target.container})` : ''}`;
  }
  if (/(^|\/)dockerd(\s|$)/.test(cmd) || prog === 'dockerd') {
    if (bare(s.localAddress) === '127.0.0.11')
      return "Docker's embedded DNS server for containers on user-defined networks (clients query 127.0.0.11:53, which NAT rules redirect here)";
    if (port === 2377)
      return 'the swarm manager port of dockerd: cluster management (raft, node joins, task dispatch) over mutual TLS';
    if (port === 7946)
      return `swarm gossip of dockerd (${s.transport}): nodes find each other and share overlay network state`;
    return 'a socket of the Docker engine (dockerd)';
  }
  if (s.pid === undefined && s.transport === 'udp' && port === 4789)
    return "the kernel's VXLAN socket (no process owns it): overlay network traffic between swarm nodes, UDP 4789";
  if (/sshd/.test(cmd)) {
    if (s.listening) return 'the OpenSSH server (sshd), waiting for logins';
    const m = /sshd:\s*(\S+?)@(\S+)/.exec(s.processCommand ?? s.program ?? '');
    return `an open SSH login session${m ? ` (user ${m[1]} on ${m[2]})` : ''} from ${s.foreignAddress}: the per-connection sshd of an administrator's login, typically the one the capture was run from`;
  }
  if (/systemd-resolve/.test(cmd))
    return "systemd-resolved's local DNS stub resolver: programs on the host send DNS queries to it (/etc/resolv.conf points to 127.0.0.53), and it forwards them to the real DNS servers";
  if (s.pid === undefined && prog === '')
    return `a socket without a visible owner${port !== undefined && WELL_KNOWN[port] ? ` on the ${WELL_KNOWN[port]} port` : ''} (a kernel socket, or one of another user when the capture was not run as root)`;
  const known = port !== undefined ? WELL_KNOWN[port] : undefined;
  return `${prog ? code(prog) : 'a process'}${s.pid !== undefined ? ` (pid ${s.pid})` : ''}${known ? `, on the ${known} port` : ''}`;
}

export function bindPhrase(s: ModelSocket): string {
  if (s.wildcard)
    return s.family === 'inet6' || s.localAddress.includes(':')
      ? 'on every address (IPv6 wildcard `::`)'
      : 'on every address';
  if (s.loopback) return 'on loopback only (not reachable from the network)';
  return `on ${s.localAddress} only`;
}
