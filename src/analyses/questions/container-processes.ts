/**
 * Question: what listens in the container, and which processes run there (PID 1 and its
 * children)? (`netstat -taupn`, `ps aux`, `pstree -p` inside the container)
 *
 *   tcp        0      0 :::8080                 :::*                    LISTEN      21/node
 *     1   root      0:00  npm
 *    21   root      0:00  node server.js
 */
import type { ModelNamespace } from '../../model/types.js';
import type { Question } from '../types.js';
import { code, evidenceList, hostNs, list, socketAddr } from '../util.js';

function targets(model: import('../../model/types.js').StepModel): ModelNamespace[] {
  return model.namespaces.filter(
    (n) => n.kind === 'container' && (n.processes.length > 0 || n.sockets.length > 0),
  );
}

export const containerProcesses: Question = {
  id: 'container-processes',
  needs: ['container'],
  question: ({ model }) => {
    const t = targets(model);
    const who = t.length === 1 ? `the container ${code(t[0]!.container ?? t[0]!.name)}` : 'each container';
    return `What listens in ${who}, and which processes run there?`;
  },
  appliesTo: ({ model }) =>
    targets(model).length > 0 ? true : "no container's sockets or processes were captured",
  answer: ({ model }) => {
    const host = hostNs(model);
    const paragraphs: string[] = [];
    const evidence = [];
    for (const ns of targets(model)) {
      const cname = ns.container ?? ns.name;
      const listening = ns.sockets.filter((s) => s.listening);
      if (listening.length) {
        paragraphs.push(
          `${code(cname)} listens on ${list(
            listening.map(
              (s) =>
                `${code(socketAddr(s))}${s.program ? ` (${s.pid !== undefined ? `pid ${s.pid}, ` : ''}${s.program})` : ''}`,
            ),
          )}: inside the container's own namespace, \`::\` or \`0.0.0.0\` means every address of the container, not of the host.${
            model.publishedPorts.some((p) => p.container === cname)
              ? ` The host publishes it: ${list(
                  model.publishedPorts
                    .filter((p) => p.container === cname)
                    .map(
                      (p) =>
                        `${code(`${p.hostIp}:${p.hostPort}`)} -> ${code(`${p.containerIp ?? '?'}:${p.containerPort ?? '?'}`)}`,
                    ),
                )}.`
              : ''
          }`,
        );
        evidence.push(...listening.map((s) => s.evidence));
      } else if (ns.fedBy.sockets !== undefined) {
        paragraphs.push(`${code(cname)} has no listening socket.`);
      }
      if (ns.processes.length) {
        const pid1 = ns.processes.find((p) => p.pid === 1);
        const children = pid1 ? ns.processes.filter((p) => p.ppid === 1) : [];
        const rest = ns.processes.filter((p) => p !== pid1 && !children.includes(p));
        paragraphs.push(
          `${pid1 ? `PID 1 is ${code(pid1.command)}: the command the container was started with. In its own PID namespace it is the first process, like init on a host: \`docker stop\` sends it the signal, the container ends when it exits, and it inherits orphaned processes, which it must reap.` : 'No PID 1 was listed.'}${
            children.length
              ? ` Its ${children.length === 1 ? 'child is' : 'children are'} ${list(children.map((p) => `${code(p.command)} (PID ${p.pid})`))}.`
              : ''
          }${rest.length ? ` Also listed: ${list(rest.map((p) => `${code(p.command)} (PID ${p.pid})`))}${rest.some((p) => /^(sh|bash|ash|ps)\b/.test(p.command)) ? ', from the `docker exec` session used to look inside' : ''}.` : ''}`,
        );
        evidence.push(pid1?.evidence, ...children.map((p) => p.evidence));
      }
      const c = model.containers.find((x) => x.name === cname);
      const hp = c?.pid !== undefined ? host?.processes.find((p) => p.pid === c.pid) : undefined;
      if (hp) {
        const parent = host?.processes.find((p) => p.pid === hp.ppid);
        const kids = host?.processes.filter((p) => p.ppid === hp.pid) ?? [];
        paragraphs.push(
          `On the host the same processes have other PIDs: the container's PID 1 is host PID ${hp.pid} (${code(hp.command)})${
            parent ? `, a child of ${code(parent.name)} (${parent.pid})` : ''
          }${kids.length ? `, and ${list(kids.map((k) => `${code(k.command)} is ${k.pid}`))}` : ''}. A PID namespace only renumbers them.`,
        );
        evidence.push(hp.evidence, parent?.evidence, ...kids.map((k) => k.evidence));
      }
    }
    const first = targets(model)[0]!;
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'PID 1', value: first.processes.find((p) => p.pid === 1)?.command ?? 'not captured' },
        {
          label: 'listening',
          value:
            first.sockets
              .filter((s) => s.listening)
              .map(socketAddr)
              .join(', ') || 'none',
        },
      ],
      evidence: evidenceList(evidence.filter((e) => e !== undefined)),
    };
  },
};
