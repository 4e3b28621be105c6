/**
 * The text of every finding kind, in one table (design note: "text that users read lives in
 * tables"). `Record<FindingKind, FindingInfo>`: adding a kind without its text does not compile.
 */
import type { FindingInfo, FindingKind } from '../types.js';

export const findingInfo: Record<FindingKind, FindingInfo> = {
  'published-on-all-addresses': {
    severity: 'medium',
    title: 'Port published on all addresses',
    explanation:
      'A port published without a host address (`-p 60000:8080`) is bound to 0.0.0.0 and ::, every interface of the host. When the packet path from outside gets through, the port is open to every network the host is in; when the firewall was not captured, only the bind address says so.',
    remediation:
      'Publish on the address that should serve it (`-p 127.0.0.1:60000:8080` or the LAN address), or filter in the `DOCKER-USER` chain. Set `"ip": "127.0.0.1"` in daemon.json to change the default for new containers.',
    notApplicable:
      'Ports published on one address (`-p 10.0.0.5:80:80`); ports whose path from outside is dropped (see "Published port filtered"); and ports that get through although the host\'s INPUT drops them (raised as "Published port bypasses the host firewall" instead).',
  },
  'published-port-bypasses-input': {
    severity: 'high',
    title: 'Published port bypasses the host firewall',
    explanation:
      "The host's INPUT chain (ufw, firewalld or a plain `INPUT DROP`) would drop this port, yet the path from outside is delivered: Docker's DNAT in nat PREROUTING turns the packet into forwarded traffic, which goes through FORWARD and Docker's chains and never meets the INPUT rules. The firewall status looks closed while the port is open.",
    remediation:
      'Filter published ports in the `DOCKER-USER` chain (e.g. `-I DOCKER-USER -i eth0 -p tcp --dport 8080 -j DROP`, or ufw-docker rules), or publish on 127.0.0.1 or an internal address only.',
    notApplicable:
      'Published ports whose path from outside is dropped (DOCKER-USER or another FORWARD rule), hosts whose INPUT accepts the port, and steps without a captured firewall.',
  },
  'published-port-filtered': {
    severity: 'info',
    title: 'Published port filtered from outside',
    explanation:
      'Every path from outside to this published port is dropped or rejected (typically by a `DOCKER-USER` rule), so only the host and the containers reach it.',
    remediation: 'Nothing to do if that is intended; the path shows the rule that drops it.',
    notApplicable: 'Published ports that some path from outside reaches, or whose paths are unknown.',
  },
  'loopback-published-reachable': {
    severity: 'high',
    title: '127.0.0.1-published port reachable from the LAN',
    explanation:
      "A port published on 127.0.0.1 is meant for the host only. Before Docker 28, nat PREROUTING's DNAT rewrites a packet for 127.0.0.1 to the container's address before the kernel's martian check, so any machine on the same LAN that sends packets for 127.0.0.1 to this host's MAC address (one `ip route add 127.0.0.1/32 via <host>` away) reaches the container.",
    remediation:
      'Upgrade to Docker 28 or later (its raw PREROUTING rules drop such packets), or add `-t raw -I PREROUTING -d 127.0.0.0/8 ! -i lo -j DROP` yourself.',
    notApplicable:
      'Ports published on 127.0.0.1 whose path from the LAN is dropped (Docker 28 and later, or a raw-table rule); steps without a captured firewall.',
  },
  'loopback-published-contained': {
    severity: 'info',
    title: '127.0.0.1-published port not reachable from the LAN',
    explanation:
      'Even a LAN neighbour that sends packets for 127.0.0.1 to this host is stopped before the container (Docker 28 drops them in raw PREROUTING; without a DNAT the kernel drops them as martians).',
    remediation: 'Nothing to do; the path shows what stops them.',
    notApplicable: 'Loopback-published ports that a LAN path reaches, or whose paths are unknown.',
  },
  'internal-network-reachable': {
    severity: 'high',
    title: 'Internal network reachable from outside it',
    explanation:
      "A network created with `--internal` should only carry traffic between its own containers. A path from the LAN or from another network's container reaches one of its containers: an admin rule, a container on both networks, or a disabled iptables management opens it.",
    remediation:
      'Look at the path: remove the ACCEPT rule it went through (DOCKER-USER, FORWARD), or detach the container that bridges the networks.',
    notApplicable:
      'The host itself (it reaches every bridge it owns, through OUTPUT), containers attached to the internal network, and internal networks whose paths are all dropped ("Internal network isolated").',
  },
  'internal-network-isolated': {
    severity: 'info',
    title: 'Internal network isolated',
    explanation:
      'Every path from the LAN and from containers of other networks to this internal network is dropped: only its own containers (and the host) reach it.',
    remediation:
      'Nothing to do; keep it so when adding DOCKER-USER rules (the path shows the rule that isolates it).',
    notApplicable: 'Internal networks some outside path reaches, or whose paths are unknown.',
  },
  'networks-reach-each-other': {
    severity: 'medium',
    title: 'Containers of different networks reach each other',
    explanation:
      'Docker isolates user-defined networks from each other (DOCKER-ISOLATION chains, or DOCKER-FORWARD in Docker 28). A container reaches a container of another network straight at its address: the isolation rules are missing or bypassed (an ACCEPT in DOCKER-USER, `--iptables=false`, routes added by hand).',
    remediation:
      'Remove the rule that lets it through (the path names it), or connect the containers that must talk to one shared network on purpose (`docker network connect`).',
    notApplicable:
      'Containers attached to both networks, published ports reached through the host, macvlan/ipvlan networks (they meet on the LAN), and host-mode containers (they are the host, which reaches every bridge it holds).',
  },
  'networks-isolated': {
    severity: 'info',
    title: 'Docker networks isolated from each other',
    explanation:
      "Every path from a container to a container of another bridge or overlay network, straight at its address, is dropped: Docker's isolation between networks holds.",
    remediation: 'Nothing to do; connect containers that must talk to one shared network on purpose.',
    notApplicable: 'Steps with fewer than two networks holding containers, or where some path crosses.',
  },
  'container-host-network': {
    severity: 'medium',
    title: 'Container in host network mode',
    explanation:
      "A container started with `--network host` shares the host's network stack: no namespace, no NAT, every port it opens is a host port, and it can bind to any host address or see all host traffic with enough privileges.",
    remediation:
      'Use a bridge network with published ports unless the workload really needs the host stack (some monitoring or routing agents).',
    notApplicable:
      "Containers that have their own namespace, share another container's (`--network container:X`) or have none (`--network none`).",
  },
  'default-bridge-icc': {
    severity: 'low',
    title: 'Inter-container communication on the default bridge',
    explanation:
      'On the default bridge every container can reach every other container on every port (`com.docker.network.bridge.enable_icc` is true). The default bridge also has no name resolution between containers, so containers that must talk are better grouped in their own networks.',
    remediation:
      'Put containers that belong together in user-defined networks, and set `"icc": false` in daemon.json (for the default bridge) so that unrelated containers cannot reach each other.',
    notApplicable:
      'User-defined networks (their isolation is per network) and a default bridge with `enable_icc` false.',
  },
  'subnet-overlaps-route': {
    severity: 'high',
    title: 'Docker subnet overlaps a host route',
    explanation:
      "A Docker network's subnet overlaps a network the host already reaches through another interface. The more specific route wins: either the containers' network hides part of the LAN (hosts there become unreachable from the host and its containers) or the reverse.",
    remediation:
      'Move Docker to unused ranges: `"bip"` for docker0 and `"default-address-pools"` for other networks in daemon.json (or `--subnet` when creating a network), then recreate the affected networks.',
    notApplicable:
      "A network's own route through its bridge; a route of another Docker network; macvlan and ipvlan networks on the subnet of their parent interface (that is how they are meant to work: the containers are on the LAN); the default route.",
  },
  'ip-forward-off': {
    severity: 'high',
    title: 'IPv4 forwarding is off',
    explanation:
      'With `net.ipv4.ip_forward = 0` the kernel does not route packets between interfaces: containers on bridge networks cannot reach anything beyond the host, and published ports do not work from other hosts. dockerd turns it on at start unless told not to (`--ip-forward=false`); something reset it.',
    remediation:
      'Set `net.ipv4.ip_forward = 1` (a file in /etc/sysctl.d/) and find what turns it off (network manager, hardening scripts, `--ip-forward=false`).',
    notApplicable:
      'Hosts without Docker, and hosts where forwarding is on (Docker turns it on at start unless `--ip-forward=false`).',
  },
  'bridge-nf-call-off': {
    severity: 'medium',
    title: 'Bridged traffic bypasses iptables',
    explanation:
      "With `net.bridge.bridge-nf-call-iptables` at 0, or br_netfilter not loaded at all, frames switched between two containers on the same bridge never pass iptables: Docker's isolation rules (icc=false, internal networks) and NAT between containers on one bridge do not apply to them.",
    remediation:
      'Load br_netfilter (`modprobe br_netfilter`, and list it in /etc/modules-load.d/) and set `net.bridge.bridge-nf-call-iptables = 1` (and `-ip6tables`).',
    notApplicable:
      'Hosts without Docker bridges, and hosts where br_netfilter is loaded with bridge-nf-call-iptables = 1.',
  },
  'docker-iptables-off': {
    severity: 'medium',
    title: 'The engine does not manage iptables',
    explanation:
      'dockerd runs with `--iptables=false`: it creates no NAT, no port publishing rules and no isolation between networks. Containers reach the outside only through rules the administrator writes, published ports work only through docker-proxy, and nothing separates the networks from each other.',
    remediation:
      'Remove `--iptables=false` (and `"iptables": false` in daemon.json) unless another tool manages the firewall on purpose; then make sure that tool provides NAT and isolation.',
    notApplicable: 'dockerd without `--iptables=false` on its command line (the default manages iptables).',
  },
  'overlay-mtu-mismatch': {
    severity: 'medium',
    title: 'Overlay MTU does not fit the uplink',
    explanation:
      'VXLAN adds 50 bytes to every frame. An overlay network sized for a 1500-byte underlay (the default, or its `com.docker.network.driver.mtu` option) sends packets larger than the uplink carries: they are fragmented or, with the DF bit set, silently dropped. Small requests work while large transfers hang.',
    remediation:
      'Create the overlay networks with `--opt com.docker.network.driver.mtu=<uplink MTU - 50>` (and the same for `docker_gwbridge`/ingress when recreating them), or raise the underlay MTU.',
    notApplicable:
      "Overlays whose frames plus the 50 bytes of VXLAN fit the uplink's MTU, and hosts whose uplink MTU is unknown.",
  },
  'bridge-down-with-ports': {
    severity: 'medium',
    title: 'Bridge down although ports are attached',
    explanation:
      'A bridge has carrier as soon as one of its ports is up. A bridge that is DOWN or NO-CARRIER with ports attached means every port is down, or the bridge was switched off: the containers on it are cut off.',
    remediation:
      'Check the ports (`ip link show master <bridge>`) and the containers behind them; `ip link set <bridge> up` if it was switched off.',
    notApplicable:
      'Bridges without ports (docker0 before the first container is DOWN by design) and bridges that are up.',
  },
  'veth-peer-not-captured': {
    severity: 'info',
    title: "A veth's other end was not captured",
    explanation:
      'The host end of a veth pair is attached, but the namespace holding its peer was not captured, so the report cannot say which container or sandbox it leads to.',
    remediation:
      'Run the collector as root with nsenter available and without `--no-containers`/`--no-netns`, so that every Docker namespace is captured.',
    notApplicable:
      'veth ends whose peer was captured in another namespace, and hosts captured without containers on purpose.',
  },
  'veth-ambiguous': {
    severity: 'low',
    title: 'A veth pair could not be matched with certainty',
    explanation:
      'An interface index is unique only inside one network namespace. This veth names a peer index that several captured namespaces hold, and none of them points back unambiguously, so the report does not guess which one is its other end.',
    remediation:
      "Capture with the collector (it records `ip -j link` with link_netnsid and each namespace inode), or compare the interfaces' MAC addresses and `ip -d link` output by hand.",
    notApplicable: 'veth ends whose peer is named by exactly one interface in the captured namespaces.',
  },
  'veth-without-master': {
    severity: 'low',
    title: 'veth on the host without a bridge',
    explanation:
      'A veth whose host end is on no bridge and carries no address connects nothing: usually the leftover of a container or sandbox that went away uncleanly, or a hand-made link.',
    remediation:
      'Find what created it (`ip -d link show <name>`); delete it with `ip link del <name>` when it is a leftover.',
    notApplicable:
      "veth ends inside containers and Docker sandboxes (they are the container's side), and host ends that are ports of a bridge.",
  },
  'swarm-ports-exposed': {
    severity: 'medium',
    title: 'Swarm port open on all addresses',
    explanation:
      'Swarm listens on 2377/tcp (managers: cluster management), 7946/tcp+udp (gossip) and 4789/udp (VXLAN data). Bound to every address, they are reachable from every network of the host. 4789 has no authentication: anyone who can send UDP to it can inject traffic into unencrypted overlay networks.',
    remediation:
      'Allow these ports only from the other swarm nodes (firewall or `DOCKER-USER` rules), choose the interfaces with `--advertise-addr`/`--data-path-addr`/`--listen-addr`, and encrypt overlays with `--opt encrypted`.',
    notApplicable:
      'Hosts that are not swarm nodes, and swarm ports bound to one address (`--listen-addr`, `--data-path-addr`).',
  },
  'stale-namespace-file': {
    severity: 'low',
    title: 'Stale namespace file',
    explanation:
      "A file under Docker's `<exec-root>/netns` that is no network namespace any more: the bind mount that held the namespace is gone (dockerd or the host crashed, or the file was left behind when a container went away). Docker normally removes it with the sandbox; it is harmless for traffic but confuses tools that list namespaces.",
    remediation:
      'Check that no container uses it (`docker inspect -f "{{.NetworkSettings.SandboxKey}}" $(docker ps -aq)`), then remove the file; restarting dockerd also cleans up its sandboxes.',
    notApplicable:
      'Namespace files that are mounted namespaces (sandboxes of running containers, ingress_sbox, overlay and load-balancer namespaces).',
  },
  'capture-not-root': {
    severity: 'medium',
    title: 'Capture not run as root',
    explanation:
      "Without root the collector cannot enter container namespaces or see other users' processes and socket owners: parts of the model are missing, and answers about them say so.",
    remediation: 'Run the collector again as root (`sudo sh dockernet-collect.sh`).',
    notApplicable: 'Bundles captured as root.',
  },
  'capture-incomplete': {
    severity: 'low',
    title: 'Some outputs could not be read',
    explanation:
      'A command failed, printed an error instead of its output, or was not run. Whatever it would have shown is missing from the model; a missing tool (`brctl`, `netstat`) is often replaced by another capture.',
    remediation:
      'Look at the command in the appendix; install the missing tool or fix the permission problem and capture again.',
    notApplicable:
      'Bundles in which every command the collector meant to run has an output or says why it was skipped.',
  },
  'analysis-error': {
    severity: 'info',
    title: 'An analysis failed',
    explanation:
      'A finding family raised an error on this step. The rest of the report is unaffected; this is a bug in dockernet.',
    remediation: 'Report it with the bundle (or the error text) so that it can be fixed.',
    notApplicable: 'Every analysis that finished (this entry only records a failing one).',
  },
};
