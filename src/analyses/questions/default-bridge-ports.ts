/**
 * Question: why does the bridge `docker0` have no interfaces (or: which interfaces are its ports)?
 * (`brctl show`, the `interfaces` column)
 *
 *   docker0          8000.024278cc117b  no
 *   docker0          8000.0242f4708767  no                veth9c996da
 */
import type { Question } from '../types.js';
import { code, defaultBridge, evidenceList, hostNs, nsLabel, tr } from '../util.js';
import { defaultBridgeApplies } from './default-bridge-interface.js';

export const defaultBridgePorts: Question = {
  id: 'default-bridge-ports',
  needs: ['host.bridges', 'docker'],
  question: (input) => {
    const b = defaultBridge(input.model);
    return tr(input)(
      b?.bridge && b.bridge.ports.length > 0
        ? 'q.default-bridge-ports.question-some'
        : 'q.default-bridge-ports.question-none',
      { name: b?.name ?? 'docker0' },
    );
  },
  appliesTo: (input) => {
    const a = defaultBridgeApplies(input);
    if (a !== true) return a;
    return defaultBridge(input.model)!.bridge ? true : tr(input)('q.default-bridge-ports.na');
  },
  answer: (input) => {
    const t = tr(input);
    const { model } = input;
    const b = defaultBridge(model)!;
    const br = b.bridge!;
    const host = hostNs(model)!;
    const endpoints = b.network?.endpoints ?? [];
    const paragraphs: string[] = [t('q.default-bridge-ports.column')];
    if (br.ports.length === 0) {
      paragraphs.push(
        t('q.default-bridge-ports.none', {
          name: b.name,
          network: b.network?.name ?? '',
          endpoints: endpoints.length,
        }),
      );
    } else {
      const rows = br.ports.map((p) => {
        const link = model.vethLinks.find(
          (l) =>
            (l.a.namespace === host.id && l.a.ifname === p) ||
            (l.b.namespace === host.id && l.b.ifname === p),
        );
        const other = link
          ? link.a.namespace === host.id && link.a.ifname === p
            ? link.b
            : link.a
          : undefined;
        return t('q.default-bridge-ports.row', {
          port: p,
          peer: other?.ifname ?? '',
          ns: other ? nsLabel(model, other.namespace, t) : '',
        });
      });
      paragraphs.push(
        `${t('q.default-bridge-ports.some', { name: b.name, n: br.ports.length })}\n${rows.join('\n')}`,
      );
      if (endpoints.length)
        paragraphs.push(
          t('q.default-bridge-ports.docker-view', {
            network: b.network!.name,
            endpoints: endpoints.map((e) => `${code(e.name)}${e.ipv4 ? ` (${e.ipv4})` : ''}`),
          }),
        );
    }
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: t('q.fact.ports'), value: br.ports.length ? br.ports.join(', ') : t('label.none') },
        { label: t('q.default-bridge-ports.fact.endpoints'), value: String(endpoints.length) },
      ],
      evidence: evidenceList(
        br.evidence,
        b.network?.evidence[0],
        endpoints.map((e) => e.evidence),
      ),
    };
  },
};
