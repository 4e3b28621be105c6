/**
 * Links that are not veth pairs (veth.ts pairs those):
 *
 *   6: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> ... link-netnsid 0      (in a container)
 *       macvlan mode bridge ...                                            (`ip -d`)
 *   4: vxlan0: <BROADCAST,MULTICAST,UP,LOWER_UP> ... master br0
 *       vxlan id 4097 srcport 0 0 dstport 4789 proxy l2miss l3miss ...      (overlay namespace)
 *
 * A macvlan/ipvlan child names its parent as `@ifN` (the parent's ifindex, in the namespace it
 * was created in: for Docker, the host) when it sits in another namespace, or `@eth0` when both
 * are in the same one. A vxlan device carries a VNI; Docker's overlay namespace `1-<id>` and the
 * network's `com.docker.network.driver.overlay.vxlanid_list` option say which network it serves.
 */
import type { ModelDockerNetwork, ModelInterface, ModelLink, ModelNamespace } from './types.js';

const CHILD_KINDS = new Set(['macvlan', 'macvtap', 'ipvlan', 'ipvtap', 'vlan']);

export function linkChildren(namespaces: ModelNamespace[], networks: ModelDockerNetwork[]): ModelLink[] {
  const links: ModelLink[] = [];
  const host = namespaces.find((n) => n.id === 'host');
  for (const ns of namespaces) {
    for (const i of ns.interfaces) {
      if (CHILD_KINDS.has(i.kind)) links.push(childLink(ns, i, host));
      else if (i.kind === 'vxlan') links.push(vxlanLink(ns, i, networks));
    }
  }
  return links;
}

function childLink(ns: ModelNamespace, i: ModelInterface, host: ModelNamespace | undefined): ModelLink {
  const kind = i.kind.replace(/tap$/, 'vlan') as ModelLink['kind'];
  const link: ModelLink = {
    kind,
    child: { namespace: ns.id, ifname: i.name, ifindex: i.ifindex },
    evidence: [i.evidence],
  };
  if (i.linkMode) link.mode = i.linkMode;
  let parentNs: ModelNamespace | undefined;
  let parent: ModelInterface | undefined;
  if (i.parent !== undefined) {
    parentNs = ns;
    parent = ns.interfaces.find((x) => x.name === i.parent);
  } else if (i.peerIfindex !== undefined) {
    // In another namespace (link-netnsid printed): Docker creates children on the host.
    parentNs = i.linkNetnsid !== undefined && ns !== host ? host : ns;
    parent = parentNs?.interfaces.find((x) => x.ifindex === i.peerIfindex);
  }
  if (parentNs && parent) {
    link.parent = { namespace: parentNs.id, ifname: parent.name, ifindex: parent.ifindex };
    link.evidence.push(parent.evidence);
  }
  return link;
}

function vxlanLink(ns: ModelNamespace, i: ModelInterface, networks: ModelDockerNetwork[]): ModelLink {
  const link: ModelLink = {
    kind: 'vxlan',
    child: { namespace: ns.id, ifname: i.name, ifindex: i.ifindex },
    evidence: [i.evidence],
  };
  if (i.vni !== undefined) link.vni = i.vni;
  const byVni =
    i.vni !== undefined
      ? networks.find((n) =>
          (n.options['com.docker.network.driver.overlay.vxlanid_list'] ?? '')
            .split(',')
            .map((x) => Number(x.trim()))
            .includes(i.vni!),
        )
      : undefined;
  // Overlay namespaces are named `<n>-<first 10 characters of the network id>`.
  const prefix = /^\d+-([0-9a-z]+)$/.exec(ns.name)?.[1];
  const byName = prefix ? networks.find((n) => n.driver === 'overlay' && n.id.startsWith(prefix)) : undefined;
  const net = byVni ?? byName;
  if (net) link.network = net.name;
  return link;
}
