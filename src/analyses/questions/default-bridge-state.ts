/**
 * Question: why is `docker0` DOWN (NO-CARRIER), or why is it UP now? (`ip addr`, `brctl show`)
 *
 *   3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN
 *   docker0          8000.024278cc117b  no
 */
import type { Question } from '../types.js';
import { code, defaultBridge, evidenceList, hostNs, iface, list, plural } from '../util.js';
import { defaultBridgeInterfaceApplies } from './default-bridge-interface.js';

const RULE =
  'A bridge takes its carrier from its ports: it has carrier (`LOWER_UP`, state UP) while at least one of its ports is up with carrier, and none (`NO-CARRIER`, state DOWN) while it has no such port. Being switched on (`UP` in the flags) is the administrative state; `state` is the operational one.';

export const defaultBridgeState: Question = {
  id: 'default-bridge-state',
  needs: ['host.interfaces', 'docker'],
  question: ({ model }) => {
    const b = defaultBridge(model);
    const name = code(b?.name ?? 'docker0');
    return b?.iface && b.iface.state === 'UP'
      ? `Why is ${name} UP now?`
      : `Why is ${name} DOWN (NO-CARRIER)?`;
  },
  appliesTo: defaultBridgeInterfaceApplies,
  answer: ({ model }) => {
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
        `${code(b.name)} is switched on (${i.adminUp ? '`UP` is in its flags' : 'although `UP` is missing'}) but ${
          i.noCarrier ? 'has `NO-CARRIER`' : 'has no carrier'
        }, so its state is ${code(i.state ?? 'DOWN')}. ${
          ports.length === 0
            ? `It has no port at all: no container is attached to ${b.network ? `the network ${code(b.network.name)}` : 'it'}, so nothing can give it carrier.`
            : `It has ${plural(ports.length, 'port')} (${list(ports.map(code))}), but ${upPorts.length === 0 ? 'none of them has carrier' : 'the bridge still shows no carrier'}.`
        }`,
      );
      paragraphs.push(RULE);
      paragraphs.push(
        `It comes UP by itself as soon as a container starts on it: Docker then adds a veth port whose other end is the container's ${code('eth0')}.`,
      );
    } else {
      paragraphs.push(
        `${code(b.name)} has carrier (\`LOWER_UP\`) and state ${code(i.state ?? 'UP')} because ${
          upPorts.length
            ? `${plural(upPorts.length, 'port')} with carrier ${upPorts.length === 1 ? 'is' : 'are'} attached: ${list(upPorts.map((p) => code(p.name)))}`
            : ports.length
              ? `it has ${plural(ports.length, 'port')}: ${list(ports.map(code))}`
              : 'of a port the capture does not list'
        }. Each such port is the host end of a veth pair leading to a container.`,
      );
      paragraphs.push(RULE);
    }
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'state', value: i.state ?? 'unknown' },
        { label: 'carrier', value: i.lowerUp ? 'yes (LOWER_UP)' : 'no' },
        { label: 'ports', value: ports.length ? ports.join(', ') : 'none' },
      ],
      evidence: evidenceList(
        i.evidence,
        b.bridge?.evidence,
        portIfs.map((p) => p.evidence),
      ),
    };
  },
};
