/**
 * Question: why does docker-proxy listen on `:::60000`, and why do IPv4 clients reach it too?
 * (`netstat -tulp` and `ps` on the host)
 *
 *   tcp6   0   0 :::60000   :::*   LISTEN   3491/docker-proxy
 *   /usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 60000 -container-ip 172.17.0.2 -container-port 8080
 */
import type { ModelSocket, StepModel } from '../../model/types.js';
import { argOf } from '../socket-roles.js';
import type { Question } from '../types.js';
import { code, evidenceList, hostNs, isV6Wildcard, socketAddr, sysctl } from '../util.js';

function proxySockets(model: StepModel): ModelSocket[] {
  return (hostNs(model)?.sockets ?? []).filter(
    (s) => s.listening && /docker-proxy/.test(s.processCommand ?? s.program ?? ''),
  );
}

export const proxyDualStack: Question = {
  id: 'proxy-dual-stack',
  needs: ['host.sockets', 'docker'],
  question: ({ model }) => {
    const s = proxySockets(model).find(isV6Wildcard) ?? proxySockets(model)[0];
    return s
      ? `Why does docker-proxy listen on ${code(socketAddr(s))}, and which clients can reach it?`
      : 'How is a published port served on the host?';
  },
  appliesTo: ({ model }) =>
    proxySockets(model).length > 0
      ? true
      : 'no docker-proxy socket was captured (no published port, or no process names)',
  answer: ({ model }) => {
    const socks = proxySockets(model);
    const ports = [...new Set(socks.map((s) => s.localPortNumber ?? s.localPort))];
    const paragraphs: string[] = [];
    for (const port of ports) {
      const forPort = socks.filter((s) => (s.localPortNumber ?? s.localPort) === port);
      const v6 = forPort.find(isV6Wildcard);
      const v4 = forPort.find((s) => s.localAddress === '0.0.0.0');
      const cmd = (v6 ?? v4 ?? forPort[0])!.processCommand;
      const hostIp = argOf(cmd, '-host-ip');
      const target = argOf(cmd, '-container-ip')
        ? `${argOf(cmd, '-container-ip')}:${argOf(cmd, '-container-port') ?? '?'}`
        : undefined;
      paragraphs.push(
        `Port ${port}: docker-proxy (pid ${(v6 ?? v4 ?? forPort[0])!.pid ?? '?'}) is Docker's userland proxy for a published port${
          target ? `; it forwards each connection to the container at ${code(target)}` : ''
        }. Connections from other hosts are normally rewritten by Docker's DNAT rules (iptables \`nat\` table, chain \`DOCKER\`) before they reach any socket; the proxy serves what those rules do not catch, such as connections from the host itself to \`localhost:${port}\`.`,
      );
      if (v6 && v4) {
        paragraphs.push(
          `There are two sockets, ${code(socketAddr(v4))} and ${code(socketAddr(v6))}: one proxy per address family. An IPv4 client is served by the IPv4 socket. The \`::\` socket must be IPv6-only (\`IPV6_V6ONLY\`), otherwise it could not share the port with \`0.0.0.0\`.`,
        );
      } else if (v6) {
        paragraphs.push(
          `${code(socketAddr(v6))} (\`:::${port}\` in netstat) is the IPv6 wildcard${
            hostIp ? `, although the proxy was started with ${code(`-host-ip ${hostIp}`)}` : ''
          }. On Linux an IPv6 socket bound to \`::\` also accepts IPv4 connections unless it is IPv6-only: an IPv4 client ${
            hostNs(model)!
              .interfaces.flatMap((i) => i.addresses)
              .find((a) => a.family === 'inet' && a.scope === 'global')
              ? `connecting to ${code(
                  `${
                    hostNs(model)!
                      .interfaces.flatMap((i) => i.addresses)
                      .find((a) => a.family === 'inet' && a.scope === 'global')!.address
                  }:${port}`,
                )} `
              : ''
          }arrives as an IPv4-mapped address (\`::ffff:a.b.c.d\`). That is why netstat shows only \`tcp6\` and IPv4 clients still get through. docker-proxy is written in Go, which opens one dual-stack socket for a wildcard \`tcp\` listener and sets \`IPV6_V6ONLY\` itself.`,
        );
      } else if (v4) {
        paragraphs.push(
          `${code(socketAddr(v4))}: an IPv4 socket on every address; IPv6 clients cannot reach this port through the proxy.`,
        );
      }
    }
    const b = sysctl(model, 'net.ipv6.bindv6only');
    paragraphs.push(
      b
        ? `\`net.ipv6.bindv6only\` is ${b.value === undefined ? 'absent (IPv6 is not available)' : code(b.value)}: ${
            b.value === '1'
              ? 'new IPv6 sockets are IPv6-only by default, so a program that does not set `IPV6_V6ONLY` itself would not serve IPv4 clients on `::`.'
              : 'IPv6 sockets are dual-stack by default; a program can still make one IPv6-only with `IPV6_V6ONLY`.'
          }`
        : '`net.ipv6.bindv6only` (the default for programs that do not choose themselves; 1 makes `::` sockets IPv6-only) was not captured in this step.',
    );
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'proxy sockets', value: socks.map((s) => `${s.proto} ${socketAddr(s)}`).join(', ') },
        { label: 'net.ipv6.bindv6only', value: b ? (b.value ?? 'absent') : 'not captured' },
      ],
      evidence: evidenceList(
        socks.map((s) => s.evidence),
        model.publishedPorts.flatMap((p) => p.evidence),
        b?.evidence,
      ),
    };
  },
};
