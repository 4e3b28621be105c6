/**
 * Question: which sockets listen or are connected on the host, and what is each one?
 * (`netstat --inet -taup`, `netstat -tulpan`, `ss -tulpan`)
 *
 *   tcp   0   0 localhost:domain   0.0.0.0:*   LISTEN   514/systemd-resolve
 *   tcp   0  64 dh-home2.home:ssh  pc-home2.home:54716  VERBUNDEN  1060/sshd: root@pts
 */

import { bindPhrase, socketRole } from '../socket-roles.js';
import type { Question } from '../types.js';
import { code, evidenceList, hostNs, plural, socketAddr } from '../util.js';

export const hostSockets: Question = {
  id: 'host-sockets',
  needs: ['host.sockets'],
  question: () => 'Which sockets are listening or connected on the host, and what is each one?',
  appliesTo: ({ model }) =>
    hostNs(model)!.sockets.some((s) => s.family === 'inet' || s.family === 'inet6') ||
    'the socket listing has no TCP or UDP socket',
  answer: ({ model }) => {
    const socks = hostNs(model)!.sockets.filter((s) => s.family === 'inet' || s.family === 'inet6');
    const listening = socks.filter((s) => s.listening);
    const connected = socks.filter((s) => !s.listening);
    const paragraphs: string[] = [];
    if (listening.length)
      paragraphs.push(
        `Listening (${listening.length}):\n${listening
          .map((s) => `- ${s.proto} ${code(socketAddr(s))} ${bindPhrase(s)}: ${socketRole(s, model)}`)
          .join('\n')}`,
      );
    if (connected.length)
      paragraphs.push(
        `Connected (${connected.length}):\n${connected
          .map(
            (s) =>
              `- ${s.proto} ${code(`${socketAddr(s)} -> ${s.foreignAddress}:${s.foreignPort}`)}${s.state ? ` ${s.state}` : ''}: ${socketRole(s, model)}`,
          )
          .join('\n')}`,
      );
    paragraphs.push(
      'A listening TCP socket waits for connections (`LISTEN`); a UDP socket has no connection state, so netstat leaves its State column empty. The local address says who can reach it: `0.0.0.0` (or `::` for IPv6) means every address of the host, `127.0.0.1`/`localhost` only the host itself. netstat prints names instead of numbers unless run with `-n` (`ssh` is port 22, `domain` port 53) and shows the owning process only for root (`-p`).',
    );
    const exposed = listening.filter((s) => s.wildcard);
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'listening', value: String(listening.length) },
        { label: 'connected', value: String(connected.length) },
        {
          label: 'reachable from the network',
          value: exposed.length ? exposed.map(socketAddr).join(', ') : 'none',
        },
        ...(connected.length ? [{ label: 'sessions', value: plural(connected.length, 'connection') }] : []),
      ],
      evidence: evidenceList(socks.map((s) => s.evidence)),
    };
  },
};
