/**
 * Question: which sockets listen or are connected on the host, and what is each one?
 * (`netstat --inet -taup`, `netstat -tulpan`, `ss -tulpan`)
 *
 *   tcp   0   0 localhost:domain   0.0.0.0:*   LISTEN   514/systemd-resolve
 *   tcp   0  64 dh-home2.home:ssh  pc-home2.home:54716  VERBUNDEN  1060/sshd: root@pts
 */

import { bindPhrase, socketRole } from '../socket-roles.js';
import type { Question } from '../types.js';
import { code, evidenceList, hostNs, socketAddr, tr } from '../util.js';

export const hostSockets: Question = {
  id: 'host-sockets',
  needs: ['host.sockets'],
  question: (input) => tr(input)('q.host-sockets.question'),
  appliesTo: (input) =>
    hostNs(input.model)!.sockets.some((s) => s.family === 'inet' || s.family === 'inet6') ||
    tr(input)('q.host-sockets.na'),
  answer: (input) => {
    const t = tr(input);
    const { model } = input;
    const socks = hostNs(model)!.sockets.filter((s) => s.family === 'inet' || s.family === 'inet6');
    const listening = socks.filter((s) => s.listening);
    const connected = socks.filter((s) => !s.listening);
    const paragraphs: string[] = [];
    if (listening.length)
      paragraphs.push(
        `${t('q.host-sockets.listening', { n: listening.length })}\n${listening
          .map((s) => `- ${s.proto} ${code(socketAddr(s))} ${bindPhrase(s, t)}: ${socketRole(s, model, t)}`)
          .join('\n')}`,
      );
    if (connected.length)
      paragraphs.push(
        `${t('q.host-sockets.connected', { n: connected.length })}\n${connected
          .map(
            (s) =>
              `- ${s.proto} ${code(`${socketAddr(s)} -> ${s.foreignAddress}:${s.foreignPort}`)}${s.state ? ` ${s.state}` : ''}: ${socketRole(s, model, t)}`,
          )
          .join('\n')}`,
      );
    paragraphs.push(t('q.host-sockets.explain'));
    const exposed = listening.filter((s) => s.wildcard);
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: t('q.host-sockets.fact.listening'), value: String(listening.length) },
        { label: t('q.host-sockets.fact.connected'), value: String(connected.length) },
        {
          label: t('q.host-sockets.fact.exposed'),
          value: exposed.length ? exposed.map(socketAddr).join(', ') : t('label.none'),
        },
        ...(connected.length
          ? [
              {
                label: t('q.host-sockets.fact.sessions'),
                value: t('q.host-sockets.connections', { n: connected.length }),
              },
            ]
          : []),
      ],
      evidence: evidenceList(socks.map((s) => s.evidence)),
    };
  },
};
