/**
 * What a socket is, told from its owner and port (netstat -p / ss -p): the table of roles the
 * host-sockets and container questions use. Generic: a process name or a well-known port, never a
 * host's own names.
 *
 *   tcp   0.0.0.0:22     LISTEN  804/sshd          -> the OpenSSH server
 *   tcp6  :::60000       LISTEN  3491/docker-proxy -> Docker's userland proxy for a published port
 */

import { type MessageId, type Translator, translator } from '../i18n/index.js';
import type { ModelSocket, StepModel } from '../model/types.js';
import { bare } from './util.js';

/** Well-known ports whose service has a name (`role.port.<n>` in the catalogs). */
const WELL_KNOWN = new Set([22, 25, 53, 67, 68, 80, 111, 123, 443, 631, 2375, 2376, 5353, 8080]);

function wellKnown(t: Translator, port: number | undefined): string | undefined {
  return port !== undefined && WELL_KNOWN.has(port) ? t(`role.port.${port}` as MessageId) : undefined;
}

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
export function socketRole(s: ModelSocket, model: StepModel, t: Translator = translator('en')): string {
  const cmd = owner(s);
  const port = s.localPortNumber;
  const prog = s.program ?? '';
  if (/docker-proxy/.test(cmd)) {
    const cip = argOf(s.processCommand, '-container-ip');
    const cport = argOf(s.processCommand, '-container-port');
    const target = model.publishedPorts.find((p) => p.hostPort === port && p.containerIp === cip);
    return t('role.docker-proxy', {
      port: port ?? s.localPort,
      target: cip ? `${cip}:${cport ?? '?'}` : '',
      container: target?.container ?? '',
    });
  }
  if (/(^|\/)dockerd(\s|$)/.test(cmd) || prog === 'dockerd') {
    if (bare(s.localAddress) === '127.0.0.11') return t('role.dockerd-dns');
    if (port === 2377) return t('role.dockerd-swarm');
    if (port === 7946) return t('role.dockerd-gossip', { transport: s.transport });
    return t('role.dockerd');
  }
  if (s.pid === undefined && s.transport === 'udp' && port === 4789) return t('role.vxlan');
  if (/sshd/.test(cmd)) {
    if (s.listening) return t('role.sshd');
    const m = /sshd:\s*(\S+?)@(\S+)/.exec(s.processCommand ?? s.program ?? '');
    return t('role.ssh-session', { user: m?.[1] ?? '', tty: m?.[2] ?? '', from: s.foreignAddress });
  }
  if (/systemd-resolve/.test(cmd)) return t('role.resolved');
  if (s.pid === undefined && prog === '') return t('role.no-owner', { service: wellKnown(t, port) ?? '' });
  return processRole(t, prog, s.pid, wellKnown(t, port) ?? '');
}

/**
 * `role.process` once per translator, program, pid and service: a big host's 20,000 sockets
 * belong to a few processes, and formatting the same message for each was most of the
 * host-sockets answer.
 */
const processRoles = new WeakMap<Translator, Map<string, string>>();

function processRole(t: Translator, prog: string, pid: number | undefined, service: string): string {
  let memo = processRoles.get(t);
  if (!memo) {
    memo = new Map();
    processRoles.set(t, memo);
  }
  const k = `${prog}\u0000${pid ?? ''}\u0000${service}`;
  let text = memo.get(k);
  if (text === undefined) {
    text = t('role.process', { prog, pid: pid ?? '', service });
    memo.set(k, text);
  }
  return text;
}

export function bindPhrase(s: ModelSocket, t: Translator = translator('en')): string {
  if (s.wildcard)
    return t(s.family === 'inet6' || s.localAddress.includes(':') ? 'role.bind.all6' : 'role.bind.all');
  if (s.loopback) return t('role.bind.loopback');
  return t('role.bind.one', { address: s.localAddress });
}
