/**
 * Question: why does docker-proxy listen on `:::60000`, and why do IPv4 clients reach it too?
 * (`netstat -tulp` and `ps` on the host)
 *
 *   tcp6   0   0 :::60000   :::*   LISTEN   3491/docker-proxy
 *   /usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 60000 -container-ip 172.17.0.2 -container-port 8080
 */
import type { Evidence } from '../../model/evidence-type.js';
import type { ModelSocket, StepModel } from '../../model/types.js';
import { argOf } from '../socket-roles.js';
import type { Question } from '../types.js';
import {
  contains,
  evidenceList,
  hostNs,
  isV6Wildcard,
  parsePrefix4,
  socketAddr,
  sysctl,
  tr,
} from '../util.js';

function proxySockets(model: StepModel): ModelSocket[] {
  return (hostNs(model)?.sockets ?? []).filter(
    (s) => s.listening && /docker-proxy/.test(s.processCommand ?? s.program ?? ''),
  );
}

/**
 * Does a DNAT rule of the host catch IPv6 connections to this port? Docker writes ip6tables DNAT
 * rules only when the container has an IPv6 address (and ip6tables is on: never by default on
 * 20.10, by default on 28). Without one, an IPv6 client from another host connects to the
 * proxy's `[::]` socket itself: the packet is for the host, so it meets the host's INPUT chain
 * (ufw, firewalld), not FORWARD, and the container sees the proxy, not the client. `undefined`
 * when no capture shows the host's IPv6 rule set.
 */
function v6Dnat(model: StepModel, port: string | number, proto: string): { rule?: Evidence } | undefined {
  const fw = hostNs(model)?.firewall;
  if (!fw?.captured.some((id) => id.startsWith('ip6tables') || id === 'nft-ruleset')) return undefined;
  const p = Number(port);
  for (const tb of fw.tables) {
    // Any table (ip6tables: nat; Docker's nftables backend: docker-bridges): a DNAT decides.
    if (tb.family !== 'ipv6' && tb.family !== 'inet') continue;
    for (const ch of tb.chains)
      for (const rule of ch.rules) {
        if (rule.target.kind !== 'dnat') continue;
        const proto6 = rule.matches.find((m) => m.kind === 'proto' && !m.negate);
        if (proto6?.kind === 'proto' && proto6.proto !== proto.replace(/6$/, '')) continue;
        const dport = rule.matches.find((m) => m.kind === 'port' && m.dir === 'dport' && !m.negate);
        if (dport?.kind === 'port' && dport.ranges.some(([a, b]) => p >= a && p <= b))
          return { rule: rule.evidence };
      }
  }
  return {};
}

/** The host address on the container's bridge network: where docker-proxy's connections come from. */
function gatewayOf(model: StepModel, containerIp: string): string {
  const c = parsePrefix4(containerIp);
  if (!c) return '';
  for (const i of hostNs(model)?.interfaces ?? [])
    for (const a of i.addresses) {
      const net = a.family === 'inet' ? parsePrefix4(a.cidr) : undefined;
      if (net && net.len < 32 && contains(net, c)) return a.address;
    }
  return '';
}

export const proxyDualStack: Question = {
  id: 'proxy-dual-stack',
  needs: ['host.sockets', 'docker'],
  question: (input) => {
    const s = proxySockets(input.model).find(isV6Wildcard) ?? proxySockets(input.model)[0];
    return s
      ? tr(input)('q.proxy-dual-stack.question', { addr: socketAddr(s) })
      : tr(input)('q.proxy-dual-stack.question-none');
  },
  appliesTo: (input) => (proxySockets(input.model).length > 0 ? true : tr(input)('q.proxy-dual-stack.na')),
  answer: (input) => {
    const t = tr(input);
    const { model } = input;
    const socks = proxySockets(model);
    const ports = [...new Set(socks.map((s) => s.localPortNumber ?? s.localPort))];
    const hostV4 = hostNs(model)!
      .interfaces.flatMap((i) => i.addresses)
      .find((a) => a.family === 'inet' && a.scope === 'global');
    const paragraphs: string[] = [];
    const dnatEvidence: Evidence[] = [];
    for (const port of ports) {
      const forPort = socks.filter((s) => (s.localPortNumber ?? s.localPort) === port);
      const v6 = forPort.find(isV6Wildcard);
      const v4 = forPort.find((s) => s.localAddress === '0.0.0.0');
      const cmd = (v6 ?? v4 ?? forPort[0])!.processCommand;
      const hostIp = argOf(cmd, '-host-ip');
      const target = argOf(cmd, '-container-ip')
        ? `${argOf(cmd, '-container-ip')}:${argOf(cmd, '-container-port') ?? '?'}`
        : '';
      paragraphs.push(
        t('q.proxy-dual-stack.port', { port, pid: (v6 ?? v4 ?? forPort[0])!.pid ?? '?', target }),
      );
      if (v6 && v4) {
        paragraphs.push(t('q.proxy-dual-stack.two', { v4: socketAddr(v4), v6: socketAddr(v6) }));
      } else if (v6) {
        paragraphs.push(
          t('q.proxy-dual-stack.v6', {
            addr: socketAddr(v6),
            port,
            hostip: hostIp ?? '',
            client: hostV4 ? `${hostV4.address}:${port}` : '',
          }),
        );
      } else if (v4) {
        paragraphs.push(t('q.proxy-dual-stack.v4', { addr: socketAddr(v4) }));
      }
      const dnat6 = v6 ? v6Dnat(model, port, v6.proto) : undefined;
      if (dnat6?.rule) dnatEvidence.push(dnat6.rule);
      else if (v6 && dnat6)
        paragraphs.push(
          t('q.proxy-dual-stack.v6-proxied', {
            addr: socketAddr(v6),
            port,
            gateway: argOf(cmd, '-container-ip') ? gatewayOf(model, argOf(cmd, '-container-ip')!) : '',
          }),
        );
    }
    const b = sysctl(model, 'net.ipv6.bindv6only');
    paragraphs.push(
      b
        ? t('q.proxy-dual-stack.bindv6only', { value: b.value ?? '' })
        : t('q.proxy-dual-stack.bindv6only-missing'),
    );
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        {
          label: t('q.proxy-dual-stack.fact.sockets'),
          value: socks.map((s) => `${s.proto} ${socketAddr(s)}`).join(', '),
        },
        {
          label: 'net.ipv6.bindv6only',
          value: b ? (b.value ?? t('q.proxy-dual-stack.absent')) : t('q.not-captured'),
        },
      ],
      evidence: evidenceList(
        socks.map((s) => s.evidence),
        model.publishedPorts.flatMap((p) => p.evidence),
        dnatEvidence,
        b?.evidence,
      ),
    };
  },
};
