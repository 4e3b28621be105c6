/**
 * Question: why is `docker0` DOWN (NO-CARRIER), or why is it UP now? (`ip addr`, `brctl show`)
 *
 *   3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN
 *   docker0          8000.024278cc117b  no
 */
import type { Question } from '../types.js';
import { code, defaultBridge, evidenceList, hostNs, iface, tr } from '../util.js';
import { defaultBridgeInterfaceApplies } from './default-bridge-interface.js';

export const defaultBridgeState: Question = {
  id: 'default-bridge-state',
  needs: ['host.interfaces', 'docker'],
  question: (input) => {
    const b = defaultBridge(input.model);
    return tr(input)(
      b?.iface && b.iface.state === 'UP'
        ? 'q.default-bridge-state.question-up'
        : 'q.default-bridge-state.question-down',
      { name: b?.name ?? 'docker0' },
    );
  },
  appliesTo: defaultBridgeInterfaceApplies,
  answer: (input) => {
    const t = tr(input);
    const { model } = input;
    const b = defaultBridge(model)!;
    const i = b.iface!;
    const host = hostNs(model)!;
    const ports = b.bridge?.ports ?? host.interfaces.filter((x) => x.master === b.name).map((x) => x.name);
    const portIfs = ports.map((p) => iface(host, p)).filter((x) => x !== undefined);
    const upPorts = portIfs.filter((p) => p.lowerUp);
    const up = i.state === 'UP' || i.lowerUp;
    const paragraphs: string[] = [];
    if (!up) {
      paragraphs.push(
        `${t('q.default-bridge-state.down', {
          name: b.name,
          admin: i.adminUp ? 'up' : 'down',
          carrier: i.noCarrier ? 'no-carrier' : 'none',
          state: i.state ?? 'DOWN',
        })} ${
          ports.length === 0
            ? t('q.default-bridge-state.no-port', { network: b.network?.name ?? '' })
            : t('q.default-bridge-state.ports-no-carrier', {
                n: ports.length,
                ports: ports.map(code),
                any: upPorts.length === 0 ? 'none' : 'some',
              })
        }`,
      );
      paragraphs.push(t('q.default-bridge-state.rule'));
      paragraphs.push(t('q.default-bridge-state.comes-up'));
    } else {
      paragraphs.push(
        t('q.default-bridge-state.up', {
          name: b.name,
          state: i.state ?? 'UP',
          why: upPorts.length ? 'up-ports' : ports.length ? 'ports' : 'unlisted',
          n: upPorts.length || ports.length,
          ports: upPorts.length ? upPorts.map((p) => code(p.name)) : ports.map(code),
        }),
      );
      paragraphs.push(t('q.default-bridge-state.rule'));
    }
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: t('q.fact.state'), value: i.state ?? t('label.unknown') },
        { label: t('q.fact.carrier'), value: i.lowerUp ? t('q.fact.carrier-yes') : t('label.no') },
        { label: t('q.fact.ports'), value: ports.length ? ports.join(', ') : t('label.none') },
      ],
      evidence: evidenceList(
        i.evidence,
        b.bridge?.evidence,
        portIfs.map((p) => p.evidence),
      ),
    };
  },
};
