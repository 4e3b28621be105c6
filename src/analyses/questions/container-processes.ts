/**
 * Question: what listens in the container, and which processes run there (PID 1 and its
 * children)? (`netstat -taupn`, `ps aux`, `pstree -p` inside the container)
 *
 *   tcp        0      0 :::8080                 :::*                    LISTEN      21/node
 *     1   root      0:00  npm
 *    21   root      0:00  node server.js
 */
import type { FwRule } from '../../model/firewall-types.js';
import type { ModelNamespace, ModelSocket, StepModel } from '../../model/types.js';
import type { Question } from '../types.js';
import { bare, code, evidenceList, hostNs, socketAddr, tr } from '../util.js';

/**
 * Docker's embedded DNS: on user-defined networks dockerd opens a TCP and a UDP socket on
 * 127.0.0.11 (random ports) inside the container's namespace, and the container's own nat table
 * redirects `127.0.0.11:53` to them (`-A DOCKER_OUTPUT -d 127.0.0.11/32 -p udp --dport 53 -j DNAT
 * --to-destination 127.0.0.11:38015`, replies rewritten back in DOCKER_POSTROUTING). netstat shows
 * the sockets under dockerd's host PID, which without this looks like dockerd running in the
 * container. Each socket is paired with the DNAT rule that leads to it, when one was captured.
 */
function embeddedDns(
  ns: ModelNamespace,
  listening: ModelSocket[],
): { sockets: ModelSocket[]; rules: FwRule[] } {
  const sockets = listening.filter((s) => bare(s.localAddress) === '127.0.0.11');
  const rules: FwRule[] = [];
  for (const tb of ns.firewall?.tables ?? []) {
    // Any table: the DNAT to 127.0.0.11:<port> is what identifies the rule (nat for iptables).
    for (const ch of tb.chains)
      for (const r of ch.rules)
        if (
          r.target.kind === 'dnat' &&
          sockets.some(
            (s) =>
              r.target.kind === 'dnat' && r.target.to === `127.0.0.11:${s.localPortNumber ?? s.localPort}`,
          ) &&
          !rules.some((x) => x.text === r.text)
        )
          rules.push(r);
  }
  return { sockets, rules };
}

function targets(model: StepModel): ModelNamespace[] {
  return model.namespaces.filter(
    (n) => n.kind === 'container' && (n.processes.length > 0 || n.sockets.length > 0),
  );
}

export const containerProcesses: Question = {
  id: 'container-processes',
  needs: ['container'],
  question: (input) => {
    const t = targets(input.model);
    return tr(input)('q.container-processes.question', {
      name: t.length === 1 ? (t[0]!.container ?? t[0]!.name) : '',
    });
  },
  appliesTo: (input) => (targets(input.model).length > 0 ? true : tr(input)('q.container-processes.na')),
  answer: (input) => {
    const t = tr(input);
    const { model } = input;
    const host = hostNs(model);
    const paragraphs: string[] = [];
    const evidence = [];
    // Indexed once: a 1,000-container host with 4,000 host processes looked each up per container.
    // The first of equal keys wins, as `find` did; `filter` keeps every one in order.
    const containerByName = new Map<string, (typeof model.containers)[number]>();
    for (const c of model.containers) if (!containerByName.has(c.name)) containerByName.set(c.name, c);
    type HostProc = NonNullable<typeof host>['processes'][number];
    const hostByPid = new Map<number, HostProc>();
    const hostKids = new Map<number, HostProc[]>();
    for (const p of host?.processes ?? []) {
      if (!hostByPid.has(p.pid)) hostByPid.set(p.pid, p);
      if (p.ppid === undefined) continue;
      const kids = hostKids.get(p.ppid);
      if (kids) kids.push(p);
      else hostKids.set(p.ppid, [p]);
    }
    const publishedBy = new Map<string, (typeof model.publishedPorts)[number][]>();
    for (const p of model.publishedPorts) {
      if (p.container === undefined) continue;
      const list = publishedBy.get(p.container);
      if (list) list.push(p);
      else publishedBy.set(p.container, [p]);
    }
    for (const ns of targets(model)) {
      const cname = ns.container ?? ns.name;
      const listening = ns.sockets.filter((s) => s.listening);
      if (listening.length) {
        const published = publishedBy.get(cname) ?? [];
        paragraphs.push(
          t('q.container-processes.listens', {
            name: cname,
            sockets: listening.map((s) =>
              t('q.container-processes.socket', {
                addr: socketAddr(s),
                pid: s.pid ?? '',
                prog: s.program ?? '',
              }),
            ),
            published: published.map(
              (p) =>
                `${code(`${p.hostIp}:${p.hostPort}`)} -> ${code(`${p.containerIp ?? '?'}:${p.containerPort ?? '?'}`)}`,
            ),
          }),
        );
        evidence.push(...listening.map((s) => s.evidence));
        const dns = embeddedDns(ns, listening);
        if (dns.sockets.length) {
          const owner = dns.sockets.find((s) => s.program);
          paragraphs.push(
            t('q.container-processes.dns', {
              sockets: dns.sockets.map((s) => code(socketAddr(s))),
              prog: owner?.program ?? '',
              pid: owner?.pid ?? '',
              rules: dns.rules.map((r) => {
                const proto = r.matches.find((m) => m.kind === 'proto' && !m.negate);
                const to = r.target.kind === 'dnat' ? r.target.to : '';
                return code(`${proto?.kind === 'proto' ? `${proto.proto} ` : ''}127.0.0.11:53 -> ${to}`);
              }),
            }),
          );
          evidence.push(...dns.rules.map((r) => r.evidence));
        }
      } else if (ns.fedBy.sockets !== undefined) {
        paragraphs.push(t('q.container-processes.no-listener', { name: cname }));
      }
      if (ns.processes.length) {
        const pid1 = ns.processes.find((p) => p.pid === 1);
        const children = pid1 ? ns.processes.filter((p) => p.ppid === 1) : [];
        const rest = ns.processes.filter((p) => p !== pid1 && !children.includes(p));
        const proc = (p: { command: string; pid: number }) =>
          t('q.container-processes.proc', { command: p.command, pid: p.pid });
        paragraphs.push(
          t('q.container-processes.pid1', {
            command: pid1?.command ?? '',
            n: children.length,
            children: children.map(proc),
            rest: rest.map(proc),
            exec: rest.some((p) => /^(sh|bash|ash|ps)\b/.test(p.command)) ? 'yes' : 'no',
          }),
        );
        evidence.push(pid1?.evidence, ...children.map((p) => p.evidence));
      }
      const c = containerByName.get(cname);
      const hp = c?.pid !== undefined ? hostByPid.get(c.pid) : undefined;
      if (hp) {
        const parent = hp.ppid !== undefined ? hostByPid.get(hp.ppid) : undefined;
        const kids = hostKids.get(hp.pid) ?? [];
        paragraphs.push(
          t('q.container-processes.host-pids', {
            pid: hp.pid,
            command: hp.command,
            parent: parent?.name ?? '',
            ppid: parent?.pid ?? '',
            kids: kids.map((k) => t('q.container-processes.kid', { command: k.command, pid: k.pid })),
          }),
        );
        evidence.push(hp.evidence, parent?.evidence, ...kids.map((k) => k.evidence));
      }
    }
    const first = targets(model)[0]!;
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        {
          label: 'PID 1',
          value: first.processes.find((p) => p.pid === 1)?.command ?? t('q.not-captured'),
        },
        {
          label: t('q.host-sockets.fact.listening'),
          value:
            first.sockets
              .filter((s) => s.listening)
              .map(socketAddr)
              .join(', ') || t('label.none'),
        },
      ],
      evidence: evidenceList(evidence.filter((e) => e !== undefined)),
    };
  },
};
