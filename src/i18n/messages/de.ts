/**
 * Deutsche Meldungen (ICU MessageFormat, siehe ../format.ts), geschrieben für die Studierenden
 * des Kurses. Dieselben Ids und Platzhalter wie en.ts (test/i18n.test.ts prüft das); die
 * Fachbegriffe folgen dem Glossar in docs/i18n.md (Schnittstelle, Brücke, Routingtabelle,
 * Netzwerk-Namensraum, Standardroute, veröffentlichter Port, Subnetz, lauschender Socket).
 * Befehlsausgaben und Namen bleiben, wie sie sind.
 */
import type { MessageId } from './en.js';

export const de: Record<MessageId, string> = {
  // --- Rahmen des Berichts --------------------------------------------------------------------
  'report.title': 'Netzwerk eines Docker-Hosts',
  'report.title-hosts': 'Netzwerk eines Docker-Hosts: {hosts}',
  'report.generated':
    'Erzeugt von {generator} am {at} · Berichtsschema v{schema} · {steps, plural, one {# Schritt} other {# Schritte}}',
  'report.glance': 'Auf einen Blick',
  'report.toc-appendix': 'Anhang: Rohausgaben',
  'report.compact':
    'Dieser Host ist groß: Seine langen Tabellen, die Erreichbarkeitsmatrix und die Rohausgaben sind in dieser Seite komprimiert gespeichert und erscheinen, wenn ein Abschnitt geöffnet wird.',
  'report.noscript-head': 'JavaScript ist aus:',
  'report.noscript':
    'Diese Abschnitte bleiben hier leer; jeder Wert steht in report.json (und report.md) neben dieser Datei.',
  'report.footer':
    'dockernet-Bericht · offline und in sich geschlossen: Diese Datei lädt nichts aus dem Netz.',
  'md.raw-cited': 'Oben belegte Rohausgaben',
  'md.raw-lines': '{n, plural, one {# Zeile} other {# Zeilen}}',
  'md.raw-excerpt': 'die belegten gezeigt',
  'md.where-both': 'siehe report.html oder report.json',
  'md.where-html': 'siehe report.html',
  'md.where-json': 'siehe report.json',
  'md.where-none': 'aufgeführt mit `-f html` oder `-f json`',
  'md.more-rows': '… {n, plural, one {# weitere Zeile} other {# weitere Zeilen}}: {where}.',
  'md.more-items': '… {n, plural, one {# weiterer Eintrag} other {# weitere Einträge}}: {where}.',
  'md.more-evidence': '… {n, plural, one {# weitere Zeile} other {# weitere Zeilen}} ({where})',
  'md.more-paragraphs': '… {n, plural, one {# weiterer Absatz} other {# weitere Absätze}}: {where}.',
  'md.more-namespaces':
    '… {n, plural, one {# weiterer Netzwerk-Namensraum} other {# weitere Netzwerk-Namensräume}}: {where}.',
  'report.md-footer':
    'dockernet-Bericht. Die Rohausgaben, die Antworten und Befunde belegen, stehen eingeklappt unter jedem Schritt; jede Ausgabe hinter einem Beleg (`Datei:Zeile`) steht in den Bündeln und im HTML-Bericht.',
  'report.worksheet': 'Arbeitsblatt',
  'report.answer-key': 'Lösungen',
  'report.lazy-rows': '{summary} ({n, plural, one {# Zeile} other {# Zeilen}})',
  'report.lazy-needs-js': '(braucht JavaScript; sonst siehe report.json)',
  'report.step-n': 'Schritt {n}',

  'severity.high': 'hoch',
  'severity.medium': 'mittel',
  'severity.low': 'niedrig',
  'severity.info': 'Info',

  // --- Tabellenköpfe und kurze Bezeichnungen ---------------------------------------------------
  'label.step': 'Schritt',
  'label.steps': 'Schritte',
  'label.host': 'Host',
  'label.interfaces': 'Schnittstellen',
  'label.bridges': 'Brücken',
  'label.bridge': 'Brücke',
  'label.bridge-id': 'Brücken-ID',
  'label.containers': 'Container',
  'label.container': 'Container',
  'label.published-ports': 'Veröffentlichte Ports',
  'label.findings': 'Befunde',
  'label.none': 'keine',
  'label.unknown': 'unbekannt',
  'label.captured': 'Erfasst',
  'label.collector': 'Sammler',
  'label.source': 'Quelle',
  'label.note': 'Hinweis',
  'label.warnings': '{n, plural, one {# Warnung} other {# Warnungen}}',
  'label.veth-pairs': 'veth-Paare',
  'label.this-end': 'Dieses Ende',
  'label.other-end': 'Anderes Ende',
  'label.in': 'in',
  'label.evidence': 'Beleg',
  'label.evidence-colon': 'Belege:',
  'label.evidence-title': 'Beleg: {text}',
  'label.kind': 'Art',
  'label.device': 'Gerät',
  'label.parent-or-network': 'Eltern-Schnittstelle oder Netzwerk',
  'label.file': 'Datei',
  'label.files': 'Dateien',
  'label.why-no-namespace': 'Warum kein Namensraum',
  'label.left-by': 'Hinterlassen von',
  'label.name': 'Name',
  'label.state': 'Zustand',
  'label.flags': 'Flags',
  'label.master': 'Master',
  'label.peer': 'Gegenstück',
  'label.addresses': 'Adressen',
  'label.ports': 'Ports',
  'label.port': 'Port',
  'label.docker-network': 'Docker-Netzwerk',
  'label.docker-networks': 'Docker-Netzwerke',
  'label.routes': 'Routen',
  'label.type': 'Typ',
  'label.destination': 'Ziel',
  'label.via': 'Über',
  'label.sockets': 'Sockets',
  'label.listening-sockets': 'Lauschende Sockets',
  'label.local-address': 'Lokale Adresse',
  'label.foreign-address': 'Gegenadresse',
  'label.bound-to': 'Gebunden an',
  'label.pid-program': 'PID/Programm',
  'label.process': 'Prozess',
  'label.processes': 'Prozesse',
  'label.user': 'Benutzer',
  'label.command': 'Befehl',
  'label.driver': 'Treiber',
  'label.scope': 'Geltungsbereich',
  'label.subnets': 'Subnetze',
  'label.linux-bridge': 'Linux-Brücke',
  'label.attributes': 'Eigenschaften',
  'label.endpoints': 'Endpunkte',
  'label.image': 'Image',
  'label.status': 'Status',
  'label.network-mode': 'Netzwerkmodus',
  'label.networks': 'Netzwerke',
  'label.namespace': 'Namensraum',
  'label.host-side': 'Host-Seite',
  'label.container-side': 'Container-Seite',
  'label.seen-in': 'Gesehen in',
  'label.exit-code': 'Exit-Code',
  'label.size': 'Größe',
  'label.size-bytes': 'Größe (Bytes)',
  'label.lines': 'Zeilen',
  'label.stage': 'Station',
  'label.what-happened': 'Was geschah',
  'label.change': 'Änderung',
  'label.category': 'Kategorie',
  'label.what': 'Was',

  // --- Tabellenzellen aus src/render/view.ts ------------------------------------------------
  'label.yes': 'ja',
  'label.no': 'nein',
  'view.peer': '{ifname} (if{ifindex}) in {ns}',
  'view.peer-not-captured':
    'if{ifindex}{netnsid, select, none {} other { in netnsid {netnsid}}} (nicht erfasst)',
  'view.parent': 'Eltern-Schnittstelle {parent}',
  'view.ns-none': 'keiner ({status})',
  'view.ns-host': 'der des Hosts (--network host)',
  'view.ns-shared': 'der von {name} (--network container:{name})',
  'view.ns-not-captured': 'nicht erfasst',
  'view.ns-own':
    'eigener{none, select, yes { (--network none: nur lo)} other {}}{inode, select, none {} other {, Inode {inode}}}{sharers, select, none {} other {, geteilt mit {sharers, list}}}',
  'view.title.host': 'Host {name}',
  'view.title.container': 'Container {name}{sharers, select, none {} other { (geteilt mit {sharers, list})}}',
  'view.title.ingress': 'Swarm-Ingress-Sandbox {name}',
  'view.title.overlay': 'Namensraum des Overlay-Netzwerks {name}',
  'view.title.load-balancer': 'Overlay-Lastverteiler {name}',
  'view.title.sandbox': 'Docker-Sandbox {name}',
  'view.bind.all': 'alle Adressen',
  'view.bind.loopback': 'nur Loopback',
  'view.bind.one': 'eine Adresse',
  'view.ns-summary':
    '{interfaces, plural, one {# Schnittstelle} other {# Schnittstellen}}, {routes, plural, one {# Route} other {# Routen}}, {sockets, plural, one {# Socket} other {# Sockets}}, {processes, plural, one {# Prozess} other {# Prozesse}}',
  'view.gateway-leg': 'Gateway-Anschluss',
  'view.link-parent': 'Eltern-Schnittstelle {ifname} (if{ifindex}) in {ns}',
  'view.link-network': 'Docker-Netzwerk {name}',
  'view.line-warning': 'Zeile {line}: {message}',

  // --- ein Schritt ----------------------------------------------------------------------------
  'step.run-as': 'ausgeführt als {user}',
  'step.counts':
    '{files, plural, one {# Datei} other {# Dateien}}, {parsed} von {commands, plural, one {# Ausgabe} other {# Ausgaben}} ausgewertet',
  'step.no-manifest': 'kein Manifest',
  'w.masked':
    '{n, plural, one {# Wert, der wie ein Geheimnis aussieht, wurde} other {# Werte, die wie Geheimnisse aussehen, wurden}} als *** maskiert',
  'step.reading-warnings': 'Warnungen beim Einlesen',
  'step.parse-problems': 'Ausgaben mit Warnungen oder nicht gelesen',
  'step.details-appendix': 'Einzelheiten stehen im Anhang bei jeder Datei.',
  'step.namespaces-summary': 'Netzwerk-Namensräume: Schnittstellen, Routen, Sockets, Prozesse',
  'step.veths': 'veth-Paare über Namensräume hinweg',
  'step.links': 'Weitere Verbindungen: macvlan, ipvlan, vlan, vxlan',
  'step.stale': 'Verwaiste Namensraum-Dateien',

  // --- Tabellen eines Namensraums -------------------------------------------------------------
  'ns.captured-here': 'Hier erfasst: {what}',
  'ns.no-interfaces': 'Für diesen Namensraum wurde keine Liste der Schnittstellen erfasst.',
  'ns.no-ports': 'keine Ports',
  'ns.no-bridges': 'Keine Brücken.',
  'ns.routing-tables': 'Routingtabellen',
  'ns.routes-summary':
    '{n, plural, one {# Route} other {# Routen}} vom Typ {types}, die der Kernel für die Adressen dieses Namensraums anlegt; aufgeführt in report.html.',
  'ns.process-summary':
    '{kernel, plural, one {# Kernel-Thread} other {# Kernel-Threads}} und {user, plural, one {# Prozess} other {# Prozesse}} im Userspace: {programs}. Jeweils mit Befehlszeile in report.html oder report.json.',
  'sheet.outputs': 'Ausgaben',
  'ns.table': 'Tabelle {table}',
  'ns.table-label': 'Tabelle',
  'ns.no-routes': 'Für diesen Namensraum wurde keine Routingtabelle erfasst.',
  'ns.listening': 'Lauschend ({n})',
  'ns.connected': 'Verbunden und andere ({n})',
  'ns.connected-summary': 'Verbundene und andere Sockets',
  'ns.none': 'Keine.',
  'ns.more-listening':
    '{n, plural, one {# weiterer lauschender Socket} other {# weitere lauschende Sockets}}: siehe report.html oder report.json.',
  'ns.more-sockets':
    '{n, plural, one {# weiterer Socket} other {# weitere Sockets}}: siehe report.html oder report.json.',
  'ns.more-processes':
    '{n, plural, one {# weiterer Prozess} other {# weitere Prozesse}}: siehe report.html oder report.json.',
  'ns.no-sockets': 'Für diesen Namensraum wurde keine Socket-Liste erfasst.',
  'ns.processes': 'Prozesse ({n})',
  'ns.processes-md':
    '{n, plural, one {# Prozess wurde} other {# Prozesse wurden}} hier erfasst (aufgelistet im HTML-Bericht).',

  // --- Docker ---------------------------------------------------------------------------------
  'docker.engine': 'Engine',
  'docker.version-unknown': 'Version unbekannt',
  'docker.client': 'Client {version}',
  'docker.server-error': 'Der Client konnte die Engine nicht erreichen: {error}',
  'docker.not-installed':
    'Docker ist auf diesem Host nicht installiert, oder seine Kommandozeile wurde bei der Erfassung nicht gefunden.',
  'docker.not-inspected': 'nicht untersucht',
  'docker.not-seen': 'nicht in ip addr gesehen',
  'docker.compose-project': 'Compose-Projekt {name}',
  'docker.service': 'Dienst {name}',

  // --- Erreichbarkeit -------------------------------------------------------------------------
  'reach.title': 'Wer erreicht was',
  'reach.cells': '{n, plural, one {# Zelle} other {# Zellen}}',
  'reach.intro':
    'Das erste Paket einer TCP- oder UDP-Verbindung von jeder Quelle (Spalten) zu jedem lauschenden Socket oder veröffentlichten Port (Zeilen), offline durch die Routen, Brücken und die Firewall dieser Erfassung verfolgt. Ein Klick auf eine Zelle zeigt ihren Weg. 127.0.0.1 und ::1 des Hosts haben für einen Container keine Zelle: Dort sind sie das eigene Loopback des Containers.',
  'reach.intro-md':
    'Erstes Paket einer Verbindung von jeder Quelle (Spalte) zu jedem lauschenden Socket oder veröffentlichten Port (Zeile), verfolgt durch Routen, Brücken und die Firewall der Erfassung. 127.0.0.1 und ::1 des Hosts haben für einen Container keine Zelle: Dort sind sie das eigene Loopback des Containers.',
  'reach.big-host': 'Großer Host:',
  'reach.aggregated': 'Je Netzwerk wurde ein Vertreter verfolgt; eine Zelle steht für alle ihre Paare.',
  'reach.aggregated-md': 'Großer Host: je Netzwerk ein Vertreter verfolgt.',
  'reach.verdicts': 'Ergebnisse',
  'reach.legend': 'Legende:',
  'reach.sources': 'Quellen:',
  'reach.unknown-because': 'Unbekannt, weil:',
  'reach.pdf-notable':
    'Das PDF zeigt die Wege der auffälligen Zellen ({notable} von {paths}); das HTML und report.json enthalten jeden Weg.',
  'reach.notable-md':
    'Wege der auffälligen Zellen ({notable} von {paths}; report.json und das HTML enthalten jeden Weg):',
  'reach.paths': 'Wege',
  'reach.path-n': 'Weg {n}',
  'reach.more-cells': '{n, plural, one {und # weitere Zelle} other {und # weitere Zellen}}',
  'reach.assumed': 'Angenommen:',
  'reach.unknown': 'unbekannt',
  'reach.host-note': 'die eigenen Sockets und veröffentlichten Ports des Hosts',
  'reach.cell-label':
    '{src} nach {dst}: {verdict}{pairs, plural, =0 {} one {} other { (# Paare)}}. Weg anzeigen.',
  'reach.v.delivered': 'offen',
  'reach.v.dropped': 'verworfen',
  'reach.v.rejected': 'abgewiesen',
  'reach.v.no-listener': 'zu',
  'reach.v.no-route': 'keine Route',
  'reach.v.left-host': 'hinaus',
  'reach.v.unknown': '?',
  'reach.vlong.delivered': 'bei einem lauschenden Socket zugestellt',
  'reach.vlong.dropped': 'von einer Regel oder Policy verworfen',
  'reach.vlong.rejected': 'abgewiesen (ICMP oder TCP-Reset durch eine Regel)',
  'reach.vlong.no-listener': 'erreicht den Namensraum, aber niemand lauscht (Verbindung abgelehnt)',
  'reach.vlong.no-route': 'keine Route zum Ziel',
  'reach.vlong.left-host': 'verlässt den Host (über die Uplink-Schnittstelle)',
  'reach.vlong.unknown': 'unbekannt: eine Regel oder Erfassung, die der Auswerter nicht lesen kann',
  'reach.back': 'Zurück zur Matrix',
  'reach.group-other': 'andere Namensräume',
  'reach.group-containers': 'Container',
  'reach.stage.route': 'Route',
  'reach.stage.veth': 'veth',
  'reach.stage.forward': 'Weiterleitung',
  'reach.stage.out': 'hinaus',
  'reach.stage.arrive': 'Ankunft',
  'reach.stage.socket': 'Socket',
  'reach.stage.docker-proxy': 'docker-proxy',
  'reach.stage.macvlan': 'macvlan',
  'reach.stage.ipvlan': 'ipvlan',
  'reach.stage.bridge': 'Brücke {name}',
  'reach.omitted':
    'Diese Seite zeigt {shown} der {total} Wege (die auffälligen zuerst); die übrigen {omitted} stehen in report.json (analysis.reach.paths), und der Titel jeder Zelle nennt ihren Grund.',

  // --- ein Paket über die Knoten eines Swarms (src/cluster/reach.ts): Gründe, Stationen, Annahmen
  'ct.t.tunnel': 'Tunnel: {tunnel}',
  'ct.stage': '{leg, select, reply {Antwort-VXLAN} other {VXLAN}}: {stage}',
  'ct.t.legend':
    'Legende: OK zugestellt, zu niemand lauscht, abgew abgewiesen, verw verworfen, k.Route keine Route, raus verlässt den Cluster, ? unbekannt, - er selbst',
  'ct.t.not-delivered': 'nicht zugestellt:',
  'ct.r.send':
    '{node}: {dir, select, reply {Antwort-VXLAN} other {VXLAN}}, udp/{port} nach {vtep}: {reason}{note, select, rejected { (der Fehler geht an den vxlan-Socket des Kernels, nicht an den Container: Die Verbindung läuft in eine Zeitüberschreitung)} own { (der VTEP {vtep} ist die eigene Adresse von {node})} none {} other {}}',
  'ct.r.receive-dropped':
    '{node}: {dir, select, reply {Antwort-VXLAN} other {VXLAN}}, udp/{port} von {from} ({src}): {reason}{rejected, select, none {} other { (der ICMP-Fehler geht an den sendenden Kernel, nicht an den Container: Die Verbindung läuft in eine Zeitüberschreitung)}}',
  'ct.r.receive':
    '{node}: {dir, select, reply {Antwort-VXLAN} other {VXLAN}}, udp/{port} von {from}: {reason}',
  'ct.w.no-host-ns': 'der Host-Namensraum von {node} nicht erfasst ist',
  'ct.w.no-bundle': 'kein Bündel von {node} ({vtep}) angegeben wurde',
  'ct.w.no-underlay':
    'die Underlay-Schnittstelle von {node} mit {vtep} (oder die Quelladresse von {from} dorthin) nicht bekannt ist',
  'ct.w.no-vni':
    'die VNI des vxlan-Geräts von {node} nicht in der Erfassung ist (welches Gerät von {other} nimmt es an?)',
  'ct.w.vni-other': 'sein Namensraum für {network} hat die VNI {kernel}, nicht {vni}',
  'ct.w.not-on': '{network} ist nicht auf {node}',
  'ct.w.no-vni-device': 'kein Overlay-Namensraum von {node} hat ein vxlan-Gerät mit der VNI {vni}',
  'ct.h.no-vni-device': 'kein vxlan-Gerät mit der VNI {vni} auf {node}: Der Kernel verwirft den Rahmen',
  'ct.r.vni-mismatch':
    '{node}: {dir, select, reply {Antwort-VXLAN} other {VXLAN}} kommt an, aber die VNI {vni} passt dort zu keinem vxlan-Gerät ({mismatch})',
  'ct.a.vxlan-socket':
    '{node}: kein Socket auf udp {port} in der Erfassung: der vxlan-Socket des Kernels von {ns} {dev} als Empfänger angenommen',
  'ct.h.decapsulated':
    'entpackt von {dev} (VNI {vni}) in {ns}: Der vxlan-Socket des Kernels auf udp {port} gehört zu ihm',
  'ct.w.no-neigh': 'die Nachbartabelle von {where} nicht erfasst ist',
  'ct.h.no-neigh': 'kein Nachbareintrag für {addr} an {dev}: niemand antwortet auf ARP',
  'ct.r.no-neigh':
    '{node}: kein Nachbareintrag für {addr} an {dev} von {ns} (die Engine legt einen je entferntem Endpunkt an; keiner hat diese Adresse)',
  'ct.w.no-fdb': 'die Weiterleitungstabelle (fdb) von {where} nicht erfasst ist',
  'ct.h.no-fdb': 'kein Weiterleitungseintrag für {mac} an {dev}: kein VTEP, an den gesendet werden kann',
  'ct.r.no-fdb':
    '{node}: kein Weiterleitungseintrag (bridge fdb) für {mac} ({addr}) an {dev} von {ns}: Der Kernel kennt keinen Knoten, an den er es senden kann',
  'ct.h.remote':
    '{addr} ist {mac} (Nachbareintrag); {mac} liegt hinter VTEP {vtep}{node, select, none {} other { ({node})}} (fdb): gekapselt mit VNI {vni}',
  'ct.w.vip':
    '{addr} die VIP des Dienstes {service} ist: VIPs werden von IPVS verteilt, was nicht nachgebildet wird',
  'ct.w.ingress':
    '{port} über das Ingress-Routing-Mesh (IPVS) veröffentlicht ist, was nicht nachgebildet wird',
  'ct.a.first-packet':
    'erstes Paket einer Verbindung: conntrack-Zustand NEW in jedem Namensraum, den es durchquert',
  'ct.w.no-node-bundle': 'kein Bündel eines Knotens {node} angegeben wurde',
  'ct.h.no-neigh-table': '{nh} läge hinter {dev}: Die Nachbartabelle wurde nicht erfasst',
  'ct.r.no-neigh-here':
    'kein Nachbareintrag für {nh} an {dev} von {ns}: Kein Container in diesem Netzwerk hat diese Adresse, weder hier noch auf einem anderen Knoten',
  'ct.h.no-neigh-here':
    'kein lokaler Port führt zu {nh}, und {dev} hat keinen Nachbareintrag dafür: niemand antwortet auf ARP',
  'ct.h.not-here':
    '{nh} ist nicht auf diesem Knoten: {dev} (VNI {vni}) beantwortet ARP dafür aus dem Nachbareintrag {mac}',
  'ct.w.encrypted':
    'das Overlay {network} verschlüsselt ist: Sein VXLAN läuft in IPsec ESP zwischen den Knoten, was nicht nachgebildet wird',
  'ct.h.encapsulated':
    '{mac} liegt hinter VTEP {vtep}{node, select, none {} other { ({node})}}: gekapselt mit VNI {vni}, gesendet aus dem Host-Namensraum (dem des vxlan-Sockets)',
  'ct.r.no-node': '{node}: über VXLAN an {vtep} gesendet, eine Adresse keines Knotens im Cluster',
  'ct.w.own-vtep': 'die fdb von {node} ihre eigene Adresse {vtep} als VTEP nennt',
  'ct.a.answer':
    'die Antwort lässt conntrack (ESTABLISHED) in den Namensräumen durch; ihr VXLAN-Paket zurück ist ein neuer udp/4789-Fluss zwischen den Hosts und wird verfolgt',
  'ct.r.no-answer': 'die Antwort kann nicht zurückkommen: {reason}',
  'ct.r.answer-elsewhere':
    'die Antwort kann nicht zurückkommen: {node} schickt sie an VTEP {vtep}{to, select, none {} other { ({to})}}, nicht an {from}',

  // --- Worte des Paket-Auswerters (src/reach/): Stationen, Gründe, Annahmen -----------------
  'tr.a.first-packet': 'erstes Paket einer Verbindung: conntrack-Zustand NEW, kein Antwortverkehr',
  'tr.a.no-sysctls': 'sysctl-Werte des Hosts nicht erfasst: {key} als {value} angenommen',
  'tr.a.sysctl-missing': 'Host: {key} nicht in der Erfassung, als {value} angenommen',
  'tr.a.sysctl-ns': '{ns}: {key} nicht erfasst (nur für den Host), als {value} angenommen',
  'tr.a.ipset':
    'ipset {name} nicht erfasst: als die Subnetze der nicht-internen Brücken-Netzwerke von Docker angenommen',
  'tr.a.outside-src': 'von außen: gesendet von {src}, einem Nachbarn an {uplink}',
  'tr.a.limit':
    '{match}: als nicht überschritten angenommen (ein erstes Paket, keine Flut), die Regel trifft also zu',
  'tr.a.recent':
    '{match}: angenommen, diese Quelle hat{seconds, select, none {} other { in {seconds} s}} weniger als {hitcount} neue Verbindungen geöffnet, die Regel trifft also nicht zu',
  'tr.a.in-rule': '{assumption} ({where})',
  'tr.r.unknown': 'unbekannt, weil {why}',
  'tr.r.no-firewall': 'unbekannt, weil für {ns} keine Firewall erfasst ist',
  'tr.r.no-firewall-family': 'unbekannt, weil für {ns} keine {family}-Firewall erfasst ist',
  'tr.r.no-route': 'keine Route nach {dst} in {ns} ({why})',
  'tr.r.no-route-dnat': 'keine Route nach {dst} nach dem DNAT',
  'tr.r.no-source': 'unbekannt, weil {dev} keine Adresse zum Senden hat',
  'tr.r.v6-loopback':
    'vom Kernel verworfen: Eine Verbindung von ::1 nach {dst} (über {dev}) kann nicht funktionieren, IPv6-Loopback verlässt lo nie',
  'tr.r.loop': 'unbekannt, weil der Weg eine Schleife bildet',
  'tr.r.martian': 'als Marsianer verworfen: {addr} kommt an {ifname} an',
  'tr.r.broadcast': 'unbekannt, weil Broadcast nicht nachgebildet wird',
  'tr.r.no-forward': 'verworfen: {ns} leitet nicht weiter ({key}=0)',
  'tr.r.no-iface': 'unbekannt, weil die Schnittstelle {dev} von {ns} nicht in der Erfassung ist',
  'tr.r.no-peer': 'unbekannt, weil das Gegenstück von {dev} nicht erfasst ist',
  'tr.r.macvlan-child': 'verworfen: {ns} erreicht sein macvlan-Kind {child} über {dev} nicht',
  'tr.r.left-host': 'hat den Host über {dev} in Richtung {nh} verlassen',
  'tr.r.left-port': 'über {port} von {ns} in Richtung {nh} hinaus',
  'tr.r.other-end': 'unbekannt, weil das andere Ende von {ns} {dev} nicht erfasst ist',
  'tr.r.no-port': 'kein Host {nh} hinter der Brücke {br} von {ns}',
  'tr.r.no-sockets': 'unbekannt, weil die Sockets von {ns} nicht erfasst sind',
  'tr.r.no-listener': 'niemand lauscht auf {proto} {addr}:{port} in {ns}',
  'tr.r.delivered': 'zugestellt an {who} in {ns}',
  'tr.r.no-network': 'unbekannt, weil {uplink} kein {family}-Netz hat',
  'tr.r.policy-drop': 'von der Policy DROP von {table} {chain} verworfen',
  'tr.r.rule-unknown': 'unbekannt wegen {where} ({why})',
  'tr.h.send-local': 'lokales Ziel, über lo ({why}); von {src}',
  'tr.h.send-out': 'hinaus über {dev} zu {nh} ({why}); von {src}',
  'tr.h.rerouted': 'nach dem DNAT neu geroutet: {why}',
  'tr.h.v6-loopback':
    'Quelle ::1 in Richtung {dst} über {dev}: IPv6-Loopback verlässt lo nie (kein route_localnet für IPv6)',
  'tr.h.v6-martian': 'IPv6-Loopback-Adresse an {ifname}: beim Empfang verworfen',
  'tr.h.martian': 'Marsianer-Ziel {dst} an {ifname}: verworfen (route_localnet=0)',
  'tr.h.local': 'lokales Ziel ({why})',
  'tr.h.no-forward': '{key}=0: nicht weitergeleitet',
  'tr.h.veth': 'hinaus über {dev} nach {ns} {peer}',
  'tr.h.macvlan-sibling':
    'hinaus über {dev} zu {ns} {peer} (Kinder derselben Eltern-Schnittstelle, Bridge-Modus)',
  'tr.h.macvlan-child':
    '{nh} ist ein macvlan-Kind von {dev} ({ns}): Der Namensraum der Eltern-Schnittstelle erreicht es nicht',
  'tr.h.macvlan-straight': '{dst} ist ein macvlan-Kind von {uplink}: direkt zu {ns}',
  'tr.h.leaves': 'hinaus über {dev} zu {nh}: verlässt den erfassten Host',
  'tr.h.bridge-own': 'an die eigene Adresse der Brücke {nh}: hinauf in {ns}',
  'tr.h.no-port': 'kein Port von {br} führt zu {nh}: niemand antwortet auf ARP/ND',
  'tr.h.bridged':
    'gebrückt von {from} nach {to} ({key}={nf, select, on {1: durch iptables PREROUTING, FORWARD, POSTROUTING} other {0: iptables nicht befragt}})',
  'tr.h.bridge-out': 'hinaus über Port {port} in Richtung {nh}',
  'tr.h.no-listener':
    'kein {proto}-Socket lauscht auf {addr}:{port}: {proto, select, tcp {RST} other {ICMP port unreachable}}',
  'tr.h.accepted': 'angenommen von {socket} für {who}',
  'tr.h.proxy': 'docker-proxy leitet mit einer neuen Verbindung vom Host an {to} weiter',
  'tr.h.arrive': 'von {src} im LAN von {uplink}',
  'tr.h.no-nat': 'keine Adressumsetzung',
  'tr.h.policy': 'keine Regel hat entschieden: Policy {policy}',
  'tr.h.cannot-tell': 'nicht zu sagen: {why}',
  'tr.h.nat': '{nat} ({where})',
  'tr.h.accepted-by': 'angenommen von {where}',
  'tr.h.dropped-by': 'verworfen von {where}',
  'tr.h.rejected-by': 'abgewiesen von {where}',
  'tr.w.rule': 'Regel {index} von {table} {chain}',
  'tr.w.who':
    '{program, select, none {einen Prozess} other {{program}}}{pid, select, none {} other { (PID {pid})}}',
  'tr.w.table': 'Tabelle {table}: {route}',
  'tr.w.no-route': 'keine Route passt',
  'tr.w.rule-selector': 'ip rule {priority} ein Merkmal hat, das nicht nachgebildet wird',
  'tr.w.set': 'Set {name} {lookup} (Elemente nicht erfasst)',
  'tr.w.recent': '{match} (hängt von früheren Paketen ab)',
  'tr.w.no-chain': 'keine Kette {chain}',
  'tr.w.nat-outside': 'NAT außerhalb einer nat-Kette',
  'tr.w.no-address': 'keine Adresse an {dev}',
  'tr.w.target': 'Ziel {target}',
  'tr.w.vmap': 'verschachtelte Verdict-Map',
  'tr.w.no-host-ns': 'der Namensraum des Hosts nicht in der Erfassung ist',
  'tr.w.no-uplink': 'der Host keine Standardroute hat: keine Uplink-Schnittstelle zum Ankommen',
  'tr.w.no-uplink-iface': 'der Host keine Schnittstelle {uplink} hat',
  'tr.w.no-ns': 'kein Namensraum {ns} in der Erfassung ist',
  'tr.w.container-ns': 'der Namensraum des Containers {name} nicht erfasst ist',
  'tr.w.published': 'veröffentlicht -> {to}',
  'tr.w.no-container': 'es keinen Container {name} gibt',
  'tr.t.head': '{packet} von {from}: {verdict}',
  'tr.t.assumed': 'angenommen:',
  'tr.t.sources': 'Quellen: {sources}',
  'tr.t.legend':
    'Legende: OK zugestellt, zu niemand lauscht, abgew abgewiesen, verw verworfen, k.Route keine Route, raus verlässt den Host, ? unbekannt',
  'tr.t.aggregated': 'zusammengefasst: ein Vertreter je Netzwerk-Gruppe (Paare je Zelle gezählt)',
  'tr.t.unknown-because': 'unbekannt, weil:',
  'tr.t.cells': 'Zellen: {counts}',
  'tr.t.v.delivered': 'OK',
  'tr.t.v.dropped': 'verw',
  'tr.t.v.rejected': 'abgew',
  'tr.t.v.no-route': 'k.Route',
  'tr.t.v.no-listener': 'zu',
  'tr.t.v.left-host': 'raus',
  'tr.t.v.unknown': '?',

  // --- Meldungen beim Lesen: Warnungen des Bündel-Lesers und der Parser, warum eine Ausgabe
  // nicht gelesen wurde (w.<code>; der Code bleibt in report.json gleich) ----------------------
  'status.parsed': 'gelesen',
  'status.rejected': 'abgelehnt',
  'status.failed': 'gescheitert',
  'status.unparsed': 'ohne Parser',
  'status.missing': 'fehlt',
  'status.skipped': 'übersprungen',
  'status.error': 'Fehler',
  'status.raw': 'roh',
  'status.stderr': 'stderr',
  'w.manifest-not-json':
    'manifest.json ist kein gültiges JSON ({error}); die Dateien werden stattdessen nach ihren Namen gelesen',
  'w.manifest-not-object': 'manifest.json ist kein JSON-Objekt',
  'w.manifest-format': '"format" ist {found}, erwartet wird "{expected}"',
  'w.manifest-no-version': '"formatVersion" fehlt',
  'w.manifest-newer':
    'Formatversion {version} ist neuer als die, die dieses Werkzeug liest ({supported}); sie wird trotzdem gelesen',
  'w.manifest-date': '"capturedAt" ist kein Datum: {value}',
  'w.manifest-no-commands': '"commands" fehlt oder ist keine Liste',
  'w.manifest-no-id': 'commands[{i}] hat keine "id"; übersprungen',
  'w.manifest-bad-path': 'commands[{i}] ({id}): der {stream}-Pfad {path} ist nicht erlaubt',
  'w.no-manifest':
    'keine manifest.json: Die Befehle werden aus den Dateinamen erschlossen (siehe docs/bundle-format.md)',
  'w.missing-file': 'manifest.json nennt {path} ({id}), aber das Bündel enthält diese Datei nicht',
  'w.unsafe-path':
    "Eintrag {path} hat einen unsicheren Pfad (absolut, '..' oder Steuerzeichen); nicht gelesen",
  'w.not-regular': 'Eintrag vom Typ {type} übersprungen: Nur reguläre Dateien werden gelesen',
  'w.duplicate': 'doppelter Eintrag {path}: Der erste wird verwendet, diese Kopie erscheint als {copy}',
  'w.binary': 'binärer Inhalt (NUL-Bytes): mit Ersatzzeichen dargestellt',
  'w.invalid-utf8': 'kein gültiges UTF-8: ungültige Bytes als U+FFFD dargestellt',
  'w.truncated-entry': 'abgeschnitten: Nur die ersten {read} von {size} Bytes wurden gelesen',
  'w.archive': 'Archiv: {tarCode}: {text}',
  'w.stopped-entries': '{file}: Lesen abgebrochen: mehr als {max} Einträge; der Rest wurde nicht gelesen',
  'w.stopped-bytes':
    '{file}: Lesen abgebrochen: mehr als {max} unkomprimierte Bytes; der Rest wurde nicht gelesen',
  'w.stopped-aborted': '{file}: Lesen abgebrochen: Archiv fehlerhaft: {error}',
  'w.no-eof': '{file}: keine Ende-Markierung des Archivs: Das Archiv ist vielleicht abgeschnitten',
  'w.no-output': 'keine Ausgabedatei',
  'w.exit-code': 'Exit-Code {code}{stderr, select, none {} other {: {stderr}}}',
  'w.no-parser': 'kein Parser für die Befehls-Id "{id}"',
  'w.parser-failed': 'Parser {parser} ist gescheitert: {error}',
  'w.empty-output': 'leere Ausgabe',
  'w.command-not-found': 'Befehl nicht gefunden: {line}',
  'w.permission-denied': 'keine Berechtigung: {line}',
  'w.daemon-unreachable': 'Docker-Daemon nicht erreichbar: {line}',
  'w.usage-text': 'Hilfetext statt Ausgabe: {line}',
  'w.timed-out': 'Zeitüberschreitung des Befehls: {line}',
  'w.more-warnings': '{n} weitere Warnungen nicht gezeigt',
  'w.label-values':
    'Container {name}: Die Werte der Labels standen im Bündel und wurden nicht gelesen (nur die Schlüssel sowie Compose-Projekt, -Dienst und -Nummer)',
  'w.env-values':
    'Container {name}: Die Werte der Umgebungsvariablen standen im Bündel und wurden nicht gelesen (nur die Namen)',
  'w.unrecognised-line': 'nicht erkannte Zeile: {text}',
  'w.unknown-line': 'unbekannte Zeile: {text}',
  'w.text-before-header': 'Text vor der Kopfzeile übersprungen (Zeilen 1-{last})',
  'w.text-before-json': 'Text vor dem JSON übersprungen (Zeilen 1-{last})',
  'w.first-object-only': '{n} JSON-Objekte: nur das erste gelesen',
  'w.single-object': 'ein einzelnes Objekt statt eines Arrays',
  'w.bundle-not-found': '{source}: Datei oder Verzeichnis nicht gefunden',
  'w.bundle-too-big': '{file}: das Archiv hat {size} Bytes, mehr als die Grenze von {max} Bytes',
  'w.bundle-not-tar': '{file}: kein lesbares tar-Archiv: {error}',
  'w.bundle-unreadable': '{file}: nicht lesbar: {error}',
  'w.bundle-nothing-read':
    '{file}: nichts konnte gelesen werden: {why, select, entries {mehr als {max} Einträge; der Rest wurde nicht gelesen} bytes {mehr als {max} unkomprimierte Bytes; der Rest wurde nicht gelesen} other {Archiv fehlerhaft: {error}}}',
  'w.bundle-no-entries':
    '{file}: keine Einträge gefunden: kein Bündel als tar oder .tar.gz, oder es ist leer',
  'w.skipped-prompt': 'Zeile mit Shell-Prompt übersprungen: {text}',
  'w.skipped-before-header': 'Zeile vor der Kopfzeile übersprungen: {text}',
  'w.unrecognised-continuation': 'Fortsetzungszeile nicht erkannt: {text}',
  'w.unrecognised-bridge-line': 'Zeile einer Brücke nicht erkannt: {text}',
  'w.unusual-bridge-id': 'ungewöhnliche Brücken-ID: {id}',
  'w.mtu-without-number': '`mtu` ohne Zahl',
  'w.odd-detail-words': 'Detailzeile mit ungerader Wortzahl: {text}',
  'w.unreadable-port-key': "{where}: Port ''{key}'' nicht lesbar",
  'w.container-without-id': 'Container-Objekt ohne "Id"',
  'w.network-not-object': "Netzwerk ''{name}'' ist kein Objekt",
  'w.info-only-warnings':
    '`docker info` hat hier nur WARNING-Zeilen ausgegeben: keine Angaben zur Engine in dieser Ausgabe',
  'w.engine-warning-only': 'nur eine Warnung der Engine: {text}',
  'w.service-not-object': "Dienst ''{name}'' ist kein Objekt",
  'w.container-not-object': "Container ''{name}'' ist kein Objekt",
  'w.network-without': 'Netzwerk-Objekt ohne "{key}"',
  'w.json-excerpt':
    "ungültiges JSON: ein Ausschnitt ohne das umschließende '[' oder '''{''' (erster Schlüssel in Zeile {line})",
  'w.array-element-not': 'Array-Element ist {noun, select, node {kein Knoten} other {kein Objekt}}',
  'w.text-after-json': 'Text nach dem JSON: {text}',
  'w.invalid-json': 'ungültiges JSON in Zeile {line}, Spalte {column}: {error}',
  'w.invalid-json-kept':
    'ungültiges JSON in Zeile {line}, Spalte {column}: {error} ({n, plural, one {# Netzwerk} other {# Netzwerke}} davor gelesen und behalten)',
  'w.json-arrays': '{n} JSON-Arrays hintereinander: als eine Liste gelesen',
  'w.before-header': 'vor der Kopfzeile: {text}',
  'w.columns-not-read': 'nicht gelesene Spalten: {columns}',
  'w.row-few-columns': 'Zeile hat weniger als {n} Spalten: {text}',
  'w.unusual-network-id': "ungewöhnliche Netzwerk-ID ''{id}''",
  'w.extra-words': 'zusätzliche Wörter nach {column}: {text}',
  'w.unreadable-row': 'Zeile nicht lesbar: {text}',
  'w.unreadable-port': "Port ''{port}'' nicht lesbar",
  'w.error-text': 'Fehlertext: {text}',
  'w.label-values-unread': 'Werte der Labels waren im Bündel vorhanden und wurden nicht gelesen',
  'w.object-without': 'Objekt ohne "{key}"',
  'w.second-block': 'zweiter {section}-Block; der erste wird behalten',
  'w.engine-warning': 'Meldung der Engine: {text}',
  'w.version-client-only': 'Ausgabe von `docker --version`: nur die Version des Clients',
  'w.no-server-block': 'kein Server-Block: der Daemon hat nicht geantwortet (stderr nicht erfasst?)',
  'w.unknown-interface-header': 'unbekannter Kopf einer Schnittstelle: {text}',
  'w.unreadable-netmask': "Netzmaske ''{mask}'' nicht lesbar",
  'w.not-interface-block': 'kein Block einer Schnittstelle: {text}',
  'w.indented-outside-block': 'eingerückte Zeile außerhalb des Blocks einer Schnittstelle: {text}',
  'w.noise-line': 'Störzeile übersprungen: {text}',
  'w.address-line-without-address': 'Adresszeile ohne Adresse: {text}',
  'w.unrecognised-interface-header': 'Kopf einer Schnittstelle nicht erkannt: {text}',
  'w.outside-interface-block': 'Zeile außerhalb jedes Blocks einer Schnittstelle: {text}',
  'w.lifetime-without-address': 'Zeile mit Lebensdauer ohne Adresse: {text}',
  'w.unreadable-json-element': 'nicht lesbares JSON-Element übersprungen: {error}',
  'w.text-after-json-value': 'Text nach dem JSON-Wert ignoriert',
  'w.json-cut-short': 'der JSON-Text bricht ab (abgeschnittene Ausgabe?)',
  'w.unknown-family-address': 'Adresse einer unbekannten Familie übersprungen: {json}',
  'w.not-ip-object':
    'Element übersprungen, das {main, select, none {kein ip-Objekt} other {kein {main}-Objekt}} ist: {json}',
  'w.not-route-line': 'keine Zeile einer Route: {text}',
  'w.rule-without-action': 'Regel ohne `lookup` und ohne Aktion: {text}',
  'w.not-rule-line': 'keine Zeile einer Regel: {text}',
  'w.outside-chain': 'Zeile außerhalb einer Kette: {text}',
  'w.short-rule-line': 'zu kurze Zeile einer Regel: {text}',
  'w.unreadable-counters': "Zähler ''{counters}'' nicht lesbar",
  'w.listing-no-table':
    'die Auflistung nennt keine Tabelle, und weder der Befehl noch ihre Ketten sagen, welche: Tabelle "unknown"',
  'w.listing-table-inferred':
    'die Auflistung nennt keine Tabelle: {table}, erschlossen aus {source, select, chains {ihren eingebauten Ketten} other {ihren Zielen}}',
  'w.unexpected-word-after-target': "unerwartetes Wort ''{word}'' nach dem Ziel",
  'w.unexpected-word': "unerwartetes Wort ''{word}''",
  'w.no-commit-before': 'Tabelle {table} hat kein COMMIT vor *{next}',
  'w.commit-outside-table': 'COMMIT außerhalb einer Tabelle',
  'w.unreadable-chain-line': 'Zeile einer Kette nicht lesbar: {text}',
  'w.error-text-in-output': 'Fehlertext in der Ausgabe: {text}',
  'w.no-commit': 'Tabelle {table} hat kein COMMIT (abgeschnittene Erfassung?)',
  'w.iptables-s-no-table':
    'die Ausgabe von `iptables -S` nennt keine Tabelle, und weder der Befehl noch ihre Ketten sagen, welche: Tabelle "unknown"',
  'w.iptables-s-table-inferred':
    'die Ausgabe von `iptables -S` nennt keine Tabelle: {table}, erschlossen aus {source, select, chains {ihren eingebauten Ketten} other {ihren Zielen}}',
  'w.not-json-line': 'kein JSON, Zeile übersprungen: {text}',
  'w.close-without-block': "'''}''' ohne offenen Block",
  'w.table-in-open-block': 'Tabelle in einem nicht geschlossenen Block (Zeile {open}): Block geschlossen',
  'w.outside-table': 'Zeile außerhalb jeder Tabelle: {text}',
  'w.not-read': 'nicht gelesen: {text}',
  'w.unknown-line-in-table': 'unbekannte Zeile in Tabelle {table}: {text}',
  'w.unknown-chain-statement': 'unbekannte Anweisung in einer Kette: {text}',
  'w.elements-not-closed': 'Elemente von {set} nicht geschlossen (abgeschnittene Erfassung?)',
  'w.unknown-line-in-set': 'unbekannte Zeile in {kind} {set}: {text}',
  'w.block-not-closed': 'Block am Ende der Ausgabe nicht geschlossen (abgeschnittene Erfassung?)',
  'w.extra-counters': '{n, plural, one {# zusätzlicher Zähler} other {# zusätzliche Zähler}} ignoriert',
  'w.no-dev-header':
    'keine Kopfzeile `Inter-| Receive | Transmit`: die Spaltenreihenfolge des Kernels wird angenommen',
  'w.no-route-header': 'keine Kopfzeile `Iface Destination ...`',
  'w.big-endian-masks': 'die Netzmasken sind big-endian: gelesen wie von einem Big-Endian-Host',
  'w.mask-not-contiguous': 'Netzmaske {mask} ist nicht zusammenhängend',
  'w.no-sockets-header': 'keine Kopfzeile `sl local_address ...`: das Transportprotokoll wurde erraten',
  'w.header-mismatch':
    'die Kopfzeile sieht aus wie /proc/net/{looks, select, tcp {tcp} other {udp oder raw}}, nicht wie {transport}',
  'w.unknown-socket-state': 'unbekannter Zustand des Sockets {state}, als UNKNOWN behalten',
  'w.tcp-state-in-table': 'TCP-Zustand {state} in einer {transport}-Tabelle',
  'w.format-version': 'Formatversion {version}, dieser Parser liest v1',
  'w.not-interface-line': 'keine Zeile einer Schnittstelle: {text}',
  'w.not-a-number': "{key} ist keine Zahl: ''{value}''",
  'w.no-sys-class-net-header': 'keine Kopfzeile `# sys-class-net v1`',
  'w.not-key-value': 'keine Zeile der Form "key = value": {text}',

  // ps, pstree, ss, netstat (coded after their scanners were rewritten)
  'w.ps-before-header': 'vor der Kopfzeile von ps: {text}',
  'w.row-fewer-columns-than-header': 'Zeile hat weniger Spalten als die Kopfzeile: {text}',
  'w.thread-without-process': 'Thread-Zeile ohne vorangehende Prozesszeile',
  'w.pid-not-number': 'PID ist keine Zahl: {text}',
  'w.pstree-no-pid': 'keine PID in Spalte {column} (pstree ohne -p?): {text}',
  'w.pstree-more-without-pid': '{n} weitere Knoten ohne PID',
  'w.ss-no-header': 'keine Kopfzeile `Netid State Recv-Q ...`: Spalten wurden erraten',
  'w.ss-skipped-netid': "{n} Zeile(n) mit ''{netid}''-Sockets übersprungen (keine Internet-Sockets)",
  'w.ss-star-ambiguous':
    'diese ss-Ausgabe verrät nicht, ob `*` die IPv4-Wildcard (altes ss) oder die Dual-Stack-IPv6-Wildcard (iproute2 >= 4.x) ist: als Dual-Stack-IPv6 gelesen',
  'w.ss-unreadable-users': 'unlesbares Feld users:(...)',
  'w.unknown-state-quoted': "unbekannter Socket-Zustand ''{state}'', als UNKNOWN übernommen",
  'w.netstat-no-program': 'kein Feld PID/Program name in dieser Zeile',
  'w.netstat-no-user-inode': 'Spalten User/Inode fehlen in dieser Zeile',
  'w.inode-not-number': "Inode ist keine Zahl: ''{inode}''",
  'w.unix-no-inode': 'UNIX-Socket-Zeile ohne Spalte I-Node',
  'w.unterminated-note': 'nicht abgeschlossener Hinweis: {text}',
  'w.netstat-no-process-info':
    'netstat hat keine Prozessinformationen gelesen (nicht als root ausgeführt): PID/Program name fehlt bei jedem Socket: {text}',
  'w.netstat-some-process-info':
    'netstat konnte nicht jeden Prozess zuordnen (nicht als root ausgeführt): PID/Program name fehlt bei den Sockets anderer Benutzer: {text}',
  'w.netstat-other-section':
    'Zeilen eines Abschnitts übersprungen, der weder Internet- noch UNIX-Sockets enthält',
  'w.netstat-said': 'netstat: {text}',
  'w.netstat-no-header': 'keine Kopfzeile `Proto ...`: Spalten wurden aus den Zeilen erraten',

  // --- --redact: Hinweis, REDACTION.txt, die Zeile der Befehlszeile --------------------------
  'red.title': 'Anonymisiert',
  'red.kind': '{counted} ({n, plural, one {# Ersetzung} other {# Ersetzungen}}, als {as})',
  'red.nothing': 'nichts Identifizierendes gefunden',
  'red.not-redacted': 'Nicht anonymisiert:',
  'red.count.hostname': '{n, plural, one {# Hostname} other {# Hostnamen}}',
  'red.count.domain': '{n, plural, one {# DNS-Domain} other {# DNS-Domains}}',
  'red.count.ipv4': '{n, plural, one {# öffentliche IPv4-Adresse} other {# öffentliche IPv4-Adressen}}',
  'red.count.ipv6': '{n, plural, one {# öffentliche IPv6-Adresse} other {# öffentliche IPv6-Adressen}}',
  'red.count.mac': '{n, plural, one {# MAC-Adresse} other {# MAC-Adressen}}',
  'red.count.path': '{n, plural, one {# Compose- oder Home-Pfad} other {# Compose- und Home-Pfade}}',
  'red.label.hostname': 'Hostnamen',
  'red.label.domain': 'DNS-Domains',
  'red.label.ipv4': 'öffentliche IPv4-Adressen',
  'red.label.ipv6': 'öffentliche IPv6-Adressen',
  'red.label.mac': 'MAC-Adressen',
  'red.label.path': 'Compose- und Home-Pfade',
  'red.as.hostname': 'host0, host1 ...',
  'red.as.domain': 'domain0.example ...',
  'red.as.ipv4': '203.0.113.x, 198.51.100.x ... (das letzte Oktett bleibt)',
  'red.as.ipv6': '2001:db8:N:... (die ersten 48 Bit ersetzt)',
  'red.as.mac': '02:00:00:xx:xx:xx, eindeutig (auch in Brücken-Ids und EUI-64-IPv6-Adressen)',
  'red.as.path': '/redacted/composeN, /home/userN',
  'red.kept.special-addresses':
    'private, Loopback-, Link-local-, CGNAT-, Multicast-, Dokumentations- und andere Sonderadressen (RFC 1918, fc00::/7, fe80::/10 ...): auf jedem Docker-Host dieselben',
  'red.kept.names':
    'Containernamen, Netzwerknamen, Namen von Compose-Projekten und -Diensten, Schnittstellennamen, Ids von Namensräumen und Containern',
  'red.kept.macs': 'MACs aus lauter Nullen, Broadcast- und Multicast-MACs',
  'red.kept.generic-hosts': 'allgemeine Hostnamen (localhost, ubuntu, docker ...) und Namen unter 3 Zeichen',
  'red.kept.users': 'Benutzernamen außerhalb von Home-Pfaden',
  'red.txt.intro':
    'Dieses Archiv wurde mit `dockernet report --redact` erstellt: Jede Ausgabe (Bericht, Abbildungen, JSON,\nMarkdown, PDF, Rohausgaben im Anhang und die Bündel unter bundles/) entstand aus anonymisierten Rohausgaben.',
  'red.txt.replaced': 'Durch Pseudonyme ersetzt (verschiedene Werte, Vorkommen):',
  'red.txt.kind': '  {label}: {values}, {occurrences}  (als {as})',
  'red.txt.kept': 'Nicht anonymisiert:',
  'red.txt.outro':
    'Die Bündel sind die Texte, die dockernet gelesen hat, anonymisiert (binäre Dateien als Text dekodiert).\nDie Zuordnung der Originalwerte zu den Pseudonymen ist nicht in diesem Archiv: Sie würde die\nAnonymisierung aufheben. `--redact-map DATEI` schreibt sie in eine eigene Datei; behalten Sie diese für sich.',
  'red.cli.redacted':
    '  anonymisiert: {what, select, none {nichts Identifizierendes gefunden} other {{what, list, unit}}}',
  'red.cli.wrote-map': '  geschrieben: {path} (Original -> Pseudonym: nicht ins Ticket geben)',
  'red.cli.cannot-write-map': 'kann die Zuordnung der Anonymisierung {path} nicht schreiben: {error}',

  // --- der Cluster (`report --cluster`): Abschnitt und Befunde (cf.<kind>.*, cfd.*) --------
  'cf.node-missing-from-peers.title': 'Knoten fehlt in der Peer-Liste eines Overlays',
  'cf.node-missing-from-peers.why':
    'Jeder Knoten, der ein Overlay-Netzwerk hat, steht auf den anderen in den `Peers` des Netzwerks (Gossip über 7946). Ein Knoten mit dem Netzwerk, den ein anderer Knoten nicht aufführt, bekommt von diesem kein VXLAN: Container auf den beiden Knoten erreichen einander über dieses Overlay nicht, auch wenn DNS die Namen noch auflöst.',
  'cf.node-missing-from-peers.fix':
    'Prüfen Sie 7946/tcp+udp zwischen den beiden Knoten (Firewall, `--advertise-addr` auf der richtigen Schnittstelle), `docker node ls` auf einem Manager und die Logs der Engine (`memberlist`, `networkdb`). Tritt der Knoten neu bei, meldet er sich neu an.',
  'cf.node-missing-from-peers.na':
    'Knoten, die das Netzwerk nicht haben (kein Task oder Container darauf), und Knoten, deren Inspect keine Peers-Liste ausgegeben hat.',
  'cf.vni-mismatch.title': 'VNI unterscheidet sich zwischen Knoten',
  'cf.vni-mismatch.why':
    'Ein Overlay-Netzwerk hat im ganzen Swarm eine VXLAN-Id (VNI). Knoten (oder die Engine eines Knotens und ihr Kernel-Gerät), die sich nicht einig sind, kapseln mit verschiedenen VNIs: Der empfangende Kernel verwirft die Rahmen, und das Overlay ist geteilt.',
  'cf.vni-mismatch.fix':
    'Das Netzwerk entfernen und neu anlegen (oder die Engine auf dem abweichenden Knoten neu starten, damit sie das Netzwerk erneut von den Managern liest); nach veralteten `1-<id>`-Namensräumen einer alten Engine suchen.',
  'cf.vni-mismatch.na':
    'Netzwerke, bei deren VNI sich alle Knoten und Kernel-Geräte einig sind, und Knoten, deren Inspect keine VNI zeigt.',
  'cf.underlay-mtu-too-small.title': 'MTU des Underlays zu klein für VXLAN',
  'cf.underlay-mtu-too-small.why':
    'VXLAN fügt jedem Rahmen des Overlays 50 Bytes hinzu (äußere Ethernet-, IP-, UDP- und VXLAN-Header). Hat die Underlay-Schnittstelle, die sie trägt, eine kleinere MTU als die MTU des Overlays + 50, werden Pakete voller Größe verworfen oder fragmentiert: Kleine Anfragen gehen, große Antworten hängen (TLS-Handshakes, Dateiübertragungen).',
  'cf.underlay-mtu-too-small.fix':
    'Das Overlay mit `--opt com.docker.network.driver.mtu=<Underlay-MTU - 50>` anlegen oder die MTU des Underlays (Jumbo Frames) auf jedem Knoten erhöhen.',
  'cf.underlay-mtu-too-small.na':
    'Overlays, deren MTU plus 50 in das Underlay des Knotens passt, und Knoten, deren Underlay-Schnittstelle nicht gefunden wurde.',
  'cf.swarm-port-blocked.title': 'Swarm-Port zwischen Knoten blockiert',
  'cf.swarm-port-blocked.why':
    'Knoten sprechen über 2377/tcp (zu den Managern), 7946/tcp+udp (Gossip: Mitgliedschaft und Overlay-Peers) und 4789/udp (VXLAN-Daten). Der Weg eines Pakets von der Adresse eines anderen Knotens zur Adresse dieses Knotens wird von der Firewall dieses Knotens verworfen: Der Swarm oder seine Overlays brechen zwischen diesen beiden Knoten.',
  'cf.swarm-port-blocked.fix':
    'Diese Ports von den Adressen der anderen Knoten in INPUT annehmen (vor jedem DROP), z. B. `iptables -I INPUT -s <node> -p udp --dport 4789 -j ACCEPT`, oder die passenden ufw-/firewalld-Regeln.',
  'cf.swarm-port-blocked.na':
    'Wege, die zugestellt werden oder deren Socket nicht erfasst ist, Cluster aus einem Knoten und Knoten ohne erfasste Firewall.',
  'cf.swarm-port-reachable-from-outside.title': 'Swarm-Port von außerhalb des Clusters erreichbar',
  'cf.swarm-port-reachable-from-outside.why':
    'Ein Paket von einer Adresse, die zu keinem Knoten des Clusters gehört, erreicht durch die Firewall einen Swarm-Port dieses Knotens. 2377 und 7946 nehmen Cluster-Verkehr an (TLS mit den Zertifikaten des Swarms), und 4789 hat gar keine Authentifizierung: Wer UDP dorthin senden kann, kann Rahmen in unverschlüsselte Overlays einschleusen.',
  'cf.swarm-port-reachable-from-outside.fix':
    '2377, 7946 und 4789 nur von den Adressen der Knoten (oder dem Underlay-Netz) annehmen und von anderswo verwerfen; `--data-path-addr` auf einer privaten Schnittstelle verwenden und `--opt encrypted` für Overlays, die nicht vertrauenswürdige Netze durchqueren.',
  'cf.swarm-port-reachable-from-outside.na':
    'Ports, die die Firewall von außen verwirft, und Wege, denen der Auswerter nicht folgen konnte (keine erfasste Firewall heißt nicht „erreichbar“).',
  'cf.task-without-overlay-namespace.title': 'Task auf einem Knoten ohne den Namensraum des Overlays',
  'cf.task-without-overlay-namespace.why':
    'Ein Container oder Task eines Dienstes hängt auf diesem Knoten an einem Overlay-Netzwerk, aber das Bündel des Knotens hat keinen Namensraum `1-<Netzwerk-Id>` für dieses Netzwerk: Die Brücke und das vxlan-Gerät, die es tragen, fehlen, also erreicht der Task nichts auf dem Overlay.',
  'cf.task-without-overlay-namespace.fix':
    'Den Task (`docker service update --force`) oder die Engine neu starten; im Log der Engine nach Fehlern des Overlay-Treibers suchen (Anlegen des vxlan-Geräts, VNI schon belegt).',
  'cf.task-without-overlay-namespace.na':
    'Knoten, deren Bündel gar keine Docker-Namensräume hat (der Sammler konnte sie nicht betreten: nichts ist bekannt), und Tasks auf anderen Knoten.',
  'cf.cluster-analysis-error.title': 'Eine Cluster-Prüfung ist gescheitert',
  'cf.cluster-analysis-error.why':
    'Eine der Cluster-Prüfungen hat einen Fehler ausgelöst; die anderen Prüfungen liefen. Das Detail nennt sie.',
  'cf.cluster-analysis-error.fix': 'Bitte mit den Bündeln melden; der Rest des Berichts ist nicht betroffen.',
  'cf.cluster-analysis-error.na': 'Jede Prüfung, die bis zum Ende lief.',
  'cfd.node-missing-from-peers':
    '{node} ({address}) hat das Overlay {overlay}, aber die Peers-Liste von {viewer} dafür enthält nur {peers, select, none {keine Adresse} other {{peers, list, unit}}}.',
  'cfd.vni-mismatch': 'Das Overlay {overlay} hat die VNIs {vnis, list, unit}: {nodes}.',
  'cfd.vni-node': '{node} Engine {vnis}{kernel, select, none {} other {, Kernel {kernel}}}',
  'cfd.underlay-mtu':
    '{iface} von {node} hat die MTU {mtu}; das Overlay {overlay} hat die MTU {overlayMtu} ({from, select, device {seines vxlan-Geräts} option {aus der Netzwerk-Option} other {Vorgabe von Docker}}) und braucht {needed} im Underlay.',
  'cfd.swarm-port-blocked':
    '{port} ({what}) von {other} ({otherAddress}) nach {node} ({address}) wird {verdict, select, rejected {abgewiesen} other {verworfen}}: {reason}.',
  'cfd.swarm-port-outside':
    'Von {source} aus, einer Adresse keines Knotens, werden diese Swarm-Ports von {node} ({address}) erreicht: {open}.',
  'cfd.task-without-overlay-namespace':
    '{who, select, container {Container {name}} other {Task {name}}} hängt am Overlay {overlay} auf {node}, dessen Bündel keinen Namensraum {namespace} für dieses Netzwerk hat.',
  'cfd.failed': 'Cluster-Prüfung {check} ist gescheitert: {error}',
  'cfd.port.management': 'Cluster-Verwaltung',
  'cfd.port.gossip': 'Gossip',
  'cfd.port.vxlan': 'VXLAN-Daten',
  'cl.title': 'Swarm-Cluster: {nodes, list, unit}',
  'cl.heading': 'Der Cluster',
  'cl.counts':
    '{nodes, plural, one {# Knoten} other {# Knoten}}, {captured} mit Bündel · {overlays, plural, one {# Overlay-Netzwerk} other {# Overlay-Netzwerke}} · {tunnels, plural, one {# VXLAN-Tunnel} other {# VXLAN-Tunnel}} · {services, plural, one {# Dienst} other {# Dienste}} · {containers, plural, one {# Container} other {# Container}} an Overlays. Die eigenen Abschnitte jedes Knotens folgen als Schritte.',
  'cl.findings': 'Befunde zum Cluster',
  'cl.no-findings': 'Keine Widersprüche zwischen den Knoten.',
  'cl.nodes': 'Knoten',
  'cl.h.host': 'Host',
  'cl.h.node-id': 'Knoten-Id',
  'cl.h.role': 'Rolle',
  'cl.h.status': 'Status',
  'cl.h.availability': 'Verfügbarkeit',
  'cl.h.engine': 'Engine',
  'cl.h.address': 'Adresse',
  'cl.h.underlay': 'Underlay',
  'cl.h.seen-in': 'Gesehen in',
  'cl.h.node': 'Knoten',
  'cl.h.vni': 'VNI (Engine, Kernel)',
  'cl.h.namespace': 'Namensraum',
  'cl.h.vxlan-mtu': 'vxlan-MTU',
  'cl.h.peers': 'Peers',
  'cl.h.container': 'Container',
  'cl.h.overlay': 'Overlay',
  'cl.h.node-a': 'Knoten A',
  'cl.h.vtep-a': 'VTEP A',
  'cl.h.a-says': 'A nennt B in',
  'cl.h.node-b': 'Knoten B',
  'cl.h.vtep-b': 'VTEP B',
  'cl.h.b-says': 'B nennt A in',
  'cl.h.service': 'Dienst',
  'cl.h.network': 'Netzwerk',
  'cl.h.published': 'Veröffentlicht',
  'cl.h.tasks': 'Tasks',
  'cl.h.dnat': 'DOCKER-INGRESS-DNAT nach',
  'cl.h.mark': 'mangle-Markierung',
  'cl.overlay': 'Overlay {name}',
  'cl.containers-on': 'Container an {name}',
  'cl.tunnels': 'VXLAN-Tunnel',
  'cl.no-tunnel':
    'Kein Tunnel: Kein Knoten nennt einen anderen in den Weiterleitungstabellen seiner Overlays oder in Peers-Listen.',
  'cl.services': 'Dienste',
  'cl.no-service': 'Kein Dienst in den ausführlichen Netzwerk-Inspects.',
  'cl.ingress': 'Ingress-Weg von {port}{service, select, none {} other { ({service})}} auf jedem Knoten',
  'cl.no-dnat': 'keine Regel: Der Weg endet hier',
  'cl.none': 'keine',
  'cl.unknown-host': '(unbekannt)',
  'cl.kernel': '{vnis} (Kernel {kernel})',
  'cl.says-nothing': 'nichts',
  'cl.task-on': '{task} auf {node}',
  'cl.yes': 'ja',
  'cl.no': 'nein',
  'cl.captured': 'erfasst',
  'cl.not-captured': 'nicht erfasst',
  'cl.step': 'Schritt {n}',
  'cl.overlays': 'Overlays',
  'cl.h.id': 'Id',
  'cl.h.subnets': 'Subnetze',
  'cl.h.nodes': 'Knoten',
  'cl.h.containers': 'Container',
  'cl.container-on': '{name} {ip} auf {node}',
  'cl.counts-md':
    '{nodes, plural, one {# Knoten} other {# Knoten}}, {captured} mit Bündel · {overlays, plural, one {# Overlay-Netzwerk} other {# Overlay-Netzwerke}} · {tunnels, plural, one {# VXLAN-Tunnel} other {# VXLAN-Tunnel}} · {services, plural, one {# Dienst} other {# Dienste}} · {containers, plural, one {# Container} other {# Container}} an Overlays.',

  // --- die Übersicht vieler Hosts (`dockernet fleet`, src/fleet/) -----------------------------
  'fleet.title': 'Flotte: {n, plural, one {# Host} other {# Hosts}}',
  'fleet.reports': '{n, plural, one {# Bericht} other {# Berichte}}',
  'fleet.failed': '{n, plural, one {# Bündel konnte} other {# Bündel konnten}} nicht gelesen werden',
  'fleet.findings': 'Befunde: {totals}.',
  'fleet.generated':
    'Erzeugt von {generator} am {at}. Jeder Host hat seinen eigenen Bericht; index.json enthält diese Tabelle als Daten.',
  'fleet.filter': 'Filter',
  'fleet.filter-hint': 'Host, Engine, Port, Netzwerk…',
  'fleet.show': 'Zeigen',
  'fleet.any-host': 'jeden Host',
  'fleet.at-least': 'mit einem Befund der Schwere {severity} oder höher',
  'fleet.shown': '{n} von {total} Hosts gezeigt',
  'fleet.more': '(+{n} weitere)',
  'fleet.no-report': 'kein Bericht',
  'fleet.unreadable': 'konnte nicht gelesen werden: {error}',
  'fleet.h.host': 'Host',
  'fleet.h.engine': 'Engine',
  'fleet.h.running': 'Laufend',
  'fleet.h.containers': 'Container',
  'fleet.h.containers-md': 'Container (laufend/gesamt)',
  'fleet.h.networks': 'Netzwerke',
  'fleet.h.published': 'Veröffentlichte Ports',
  'fleet.h.high': 'Hoch',
  'fleet.h.medium': 'Mittel',
  'fleet.h.low': 'Niedrig',
  'fleet.h.info': 'Info',
  'fleet.h.captured': 'Erfasst',
  'fleet.h.report': 'Bericht',
  'fleet.no-step': 'der Bericht hat keinen Schritt',
  'fleet.unexpected': 'unerwarteter Fehler: {error}',
  'fleet.cli.summary':
    'dockernet: {hosts, plural, one {# Host} other {# Hosts}}, {failed} gescheitert; {files, plural, one {# Datei} other {# Dateien}} in {dir}',
  'fleet.cli.fail-on':
    'dockernet: {n, plural, one {# Host} other {# Hosts}} mit einem Befund der Schwere {severity} oder höher',
  'fleet.cli.progress': 'Host {i}/{n}: {input}',
  'fleet.cli.no-bundle': 'kein Bündel gefunden in {inputs}',
  // --- Erreichbarkeit über die Knoten eines Swarms (report --cluster) ------------------------
  'creach.title': 'Erreichbarkeit über Knoten hinweg',
  'creach.intro':
    'Das erste Paket von jedem Container in einem Overlay-Netzwerk zu jedem lauschenden Socket der anderen, verfolgt durch den VXLAN-Tunnel bis zu dem Knoten, der die Adresse hat: der Nachbareintrag, der Weiterleitungseintrag (VTEP), die Firewalls beider Hosts für udp/4789, der Overlay-Namensraum des empfangenden Knotens, die eigene Firewall und der Socket des Containers, und der Tunnel der Antwort zurück. Nicht modelliert: Dienst-VIPs und das Ingress-Routing-Mesh (IPVS), verschlüsselte Overlays.',
  'creach.none':
    'Kein Container in einem Overlay-Netzwerk lauscht auf seiner Overlay-Adresse: nichts zu verfolgen.',
  'creach.on-node': '{container} auf {node}',
  'creach.sources': 'Quellen:',
  'creach.problems': 'Nicht zugestellt, und warum',
  'creach.all-delivered': 'Jede andere Zelle wird zugestellt.',
  'creach.closed-port': 'ein geschlossener Port (niemand lauscht)',
  'creach.closed-note':
    'Jeder Container hat auch einen geschlossenen Port: dort heißt „zu“, dass der Tunnel funktioniert (die Ablehnung kam zurück), und „verworfen“, dass das Paket oder seine Antwort nicht durchkommt.',
  'creach.from-to': '{from} nach {to}',
  'creach.tunnel': 'Tunnel: {network}, VNI {vni}, {from} nach {to} (VTEP {vtep})',
  'creach.vlong.left-host': 'an eine Adresse gesendet, die kein erfasster Knoten hat',
  'creach.truncated':
    '{n, plural, one {# weitere Zelle wurde nicht verfolgt} other {# weitere Zellen wurden nicht verfolgt}} (ein großer Cluster: die ersten Zellen werden gezeigt).',
  'label.node': 'Knoten',

  // --- Anhang ---------------------------------------------------------------------------------
  'appendix.title': 'Anhang: jede Datei jedes Bündels',
  'appendix.intro':
    'Jede Datei so, wie sie erfasst wurde, mit dem Befehl, der sie schrieb, und wie sie gelesen wurde. Die Zeilennummern sind die, die oben als Belege zitiert werden.',
  'appendix.cited':
    'Gezeigt werden nur die Zeilen, die Befunde und Antworten zitieren, mit zwei Zeilen Umgebung; der HTML-Bericht enthält jede Zeile.',
  'appendix.none': 'Die Dateien sind ohne ihren Text aufgeführt; der HTML-Bericht enthält jede Zeile.',
  'appendix.parser': 'Parser {parser}',
  'appendix.in-scope': 'in {scope}',
  'appendix.lines-of': '{shown} von {total, plural, one {# Zeile} other {# Zeilen}} gezeigt',
  'appendix.empty-files': 'Leere Dateien ({n})',
  'appendix.bytes': '{n} Bytes',
  'appendix.shortened': 'in diesem Bericht gekürzt',
  'appendix.empty': 'leer',
  'appendix.lines-shown':
    '{shown} von {total, plural, one {# Zeile} other {# Zeilen}} hier gezeigt; jede Zeile steht in report.html und report.json.',
  'appendix.not-cited':
    'Dateien, die kein Befund und keine Antwort zitiert ({n}): ihr Text steht in report.html und report.json',
  'appendix.listed': 'Dateien ({n}): ihr Text steht in report.html und report.json',
  'appendix.bundle-files': 'Dateien der Bündel',
  'appendix.truncated': 'im Bündel abgeschnitten',

  // --- die Abbildung --------------------------------------------------------------------------
  'diagram.title': 'Topologie',
  'diagram.blanks': 'Tragen Sie den Namen jeder Schnittstelle (die Lücken) aus den Ausgaben oben ein.',
  'diagram.alt': 'Topologie von Schritt {n}: {label}',
  'diagram.caption':
    'Abbildung {n}: Schnittstellen, Brücken, veth-Paare, Container und veröffentlichte Ports dieses Schritts.',
  'diagram.script-note':
    'Gezeichnet vom eingebetteten Mermaid-Skript, wenn die Datei geöffnet wird (kein Browser stand zum Vorab-Zeichnen bereit).',
  'diagram.failed':
    'Die Abbildung konnte nicht gezeichnet werden. Ihr Mermaid-Quelltext steht unten und im Ordner diagrams.',
  'diagram.failed-because':
    'Die Abbildung konnte nicht gezeichnet werden: {error}. Ihr Mermaid-Quelltext steht unten und im Ordner diagrams.',

  // --- Rahmen der Fragen ----------------------------------------------------------------------
  'questions.title': 'Fragen und Antworten',
  'questions.title-handout': 'Fragen',
  'questions.title-answers': 'Lösungen',
  'questions.handout-note':
    'Sieh dir die Ausgaben dieses Schritts an und beantworte dann jede Frage im Platz darunter.',
  'questions.handout-note-md': 'Sieh dir die Ausgaben dieses Schritts an und beantworte dann jede Frage.',
  'questions.none': 'Zu diesem Schritt passt keine Frage.',
  'questions.not-applicable': 'nicht anwendbar',
  'questions.error': 'Fehler',
  'questions.space': 'Platz für die Antwort',
  'questions.the-answer': 'Die Antwort',
  'questions.as-explained-before': '… wie erklärt in',
  'questions.in-step': 'Schritt {n}',
  'questions.the-list': 'Die Liste',
  'questions.answer-size':
    '{lines, plural, one {# Zeile} other {# Zeilen}}, {evidence, plural, one {# Beleg} other {# Belege}}',

  // --- Rahmen der Befunde ---------------------------------------------------------------------
  'finding.why': 'Warum es wichtig ist:',
  'finding.fold': '{count, plural, one {# weiterer Befund} other {# weitere Befunde}} dieser Art: {title}',
  'finding.same-as-above': 'Warum es wichtig ist und was zu tun ist: wie oben.',
  'finding.what-to-do': 'Was zu tun ist:',
  'finding.not-raised': 'Nicht gemeldet bei:',
  'finding.show-path': 'Den Weg des Pakets zeigen',
  'finding.none': 'Für diesen Schritt gibt es nichts zu melden.',

  // --- Rahmen der Änderungen ------------------------------------------------------------------
  'diff.title': 'Änderungen seit „{from}“',
  'diff.nothing': 'In den erfassten Daten hat sich nichts geändert.',
  'diff.counts': '{added} hinzugekommen, {removed} entfernt, {changed} geändert.',
  'diff.change.added': 'neu',
  'diff.change.removed': 'entfernt',
  'diff.change.changed': 'geändert',
  'diff.cat.interface': 'Schnittstellen',
  'diff.cat.address': 'Adressen',
  'diff.cat.bridge': 'Brücken',
  'diff.cat.bridge-port': 'Brücken-Ports',
  'diff.cat.route': 'Routen',
  'diff.cat.socket': 'Lauschende Sockets',
  'diff.cat.process': 'Prozesse',
  'diff.cat.docker-network': 'Docker-Netzwerke',
  'diff.cat.container': 'Container',
  'diff.cat.veth': 'veth-Paare',
  'diff.cat.published-port': 'Veröffentlichte Ports',

  // --- die Kommandozeile ----------------------------------------------------------------------
  'out.no-browser':
    'kein Chromium gefunden. Installiere eines (Debian/Ubuntu: apt-get install chromium-headless-shell oder chromium) oder gib es mit --browser PFAD oder PUPPETEER_EXECUTABLE_PATH an.',
  'out.no-such-browser': 'den Browser {path} gibt es nicht',
  'out.rendering': 'zeichne {n, plural, one {# Diagramm} other {# Diagramme}} in Chromium ({path})',
  'out.cluster-figure-failed': 'die Abbildung des Clusters konnte nicht gezeichnet werden: {error}',
  'out.figure-failed': 'die Abbildung von Schritt {n} konnte nicht gezeichnet werden: {error}',
  'out.script-diagrams':
    'die Diagramme zeichnet das Mermaid-Skript in report.html, wenn die Datei geöffnet wird (kein Browser zum Vorab-Zeichnen)',
  'out.page-of': 'Seite {page} von {pages}',
  'out.printing': 'drucke das PDF',
  'out.no-pdf-no-browser':
    'report.pdf wurde nicht geschrieben: Ein PDF braucht einen Browser, und --no-browser wurde angegeben',
  'out.no-pdf':
    'report.pdf wurde nicht geschrieben: kein Chromium gefunden. Installiere eines (Debian/Ubuntu: apt-get install chromium-headless-shell oder chromium) oder gib es mit --browser PFAD oder PUPPETEER_EXECUTABLE_PATH an.',
  'cli.no-format': 'kein Format angegeben',
  'cli.unknown-format': 'unbekanntes Format „{format}“ (möglich: {choices})',
  'cli.summary':
    'dockernet: {steps, plural, one {# Schritt} other {# Schritte}}, {warnings, plural, one {# Warnung} other {# Warnungen}}',
  'cli.wrote': '  geschrieben: {path}',
  'cli.wrote-diagrams': '  {n, plural, one {# Diagrammdatei} other {# Diagrammdateien}} geschrieben in {dir}',
  'cli.wrote-zip': '  geschrieben: {path} (der Bericht, seine Diagramme, die Bündel und SHA256SUMS)',
  'cli.note': '  Hinweis: {note}',
  'cli.fail-on':
    'dockernet: {n, plural, one {# Befund} other {# Befunde}} mit Schweregrad {severity} oder höher',
  'cli.cannot-write': 'der Bericht kann nicht nach {dir} geschrieben werden: {error}',
  'cli.cannot-write-zip': 'das Archiv {path} kann nicht geschrieben werden: {error}',
  'cli.progress': 'dockernet: {what} …',
  'cli.zip-alone': 'zip braucht mindestens ein weiteres Format, das es enthält',
  'cli.redact-map-alone': '--redact-map braucht --redact',
  'cli.blanks-alone': '--blanks gilt für --audience handout (die Lösungen zeigen die Namen)',
  'cli.from-empty': '--from ist leer',
  'cli.to-format': '--to "{text}": erwartet wird ADRESSE:PORT[/tcp|udp] ([v6]:PORT für IPv6)',
  'cli.src-cluster': '--src gilt nicht mit --cluster (der Container sendet)',
  'cli.from-no-node': '--from "{from}": kein Knoten {node} im Cluster',
  'cli.from-ambiguous':
    '--from "{from}": {n, plural, =0 {kein Container dieses Namens auf irgendeinem Knoten} one {ein Container dieses Namens auf {nodes}} other {Container dieses Namens auf {nodes}}}; bitte KNOTEN:CONTAINER angeben',
  'cli.one-bundle': 'ein Bündel, nicht {n}: die Knoten eines Swarms werden zusammen mit --cluster gelesen',

  // --- --help und die eigenen Worte von commander (src/cli-i18n.ts) ---------------------------
  'help.usage': 'Aufruf:',
  'help.options': 'Optionen:',
  'help.arguments': 'Argumente:',
  'help.commands': 'Befehle:',
  'help.global-options': 'Globale Optionen:',
  'help.options-arg': '[Optionen]',
  'help.command-arg': '[Befehl]',
  'help.choices': 'Auswahl',
  'help.default': 'Vorgabe',
  'help.help': 'Hilfe zum Befehl anzeigen',
  'help.version': 'Versionsnummer ausgeben',
  'help.after-error': '(mit --help aufrufen für die Hilfe)',
  'help.examples': 'Beispiele:',
  'help.err.unknown-option': 'Fehler: unbekannte Option „{option}“',
  'help.err.unknown-command': 'Fehler: unbekannter Befehl „{command}“',
  'help.err.did-you-mean': '(Meinten Sie {what}?)',
  'help.err.missing-argument': 'Fehler: das nötige Argument „{name}“ fehlt',
  'help.err.missing-option': 'Fehler: die nötige Option „{option}“ fehlt',
  'help.err.option-argument': 'Fehler: der Option „{option}“ fehlt ihr Wert',
  'help.err.invalid-choice':
    'Fehler: der Wert „{value}“ der Option „{option}“ ist ungültig. Erlaubt sind {choices}.',
  'help.err.too-many':
    'Fehler: zu viele Argumente{command, select, none {} other { für „{command}“}}. Erwartet {expected, plural, one {# Argument} other {# Argumente}}, erhalten {got}.',
  'help.program': 'Das Netzwerk eines Docker-Hosts aus erfassten Bündeln erklären und prüfen.',
  'help.report': 'Einen Bericht aus einem Bündel je Aufbauschritt erzeugen, in der angegebenen Reihenfolge.',
  'help.report.inputs': '.tar.gz-Bündel oder entpackte Bündel-Ordner, eines je Schritt',
  'help.report.output': 'Ordner, in den report.html (und die anderen Formate) geschrieben werden',
  'help.report.format': 'Formate, durch Kommas getrennt: {formats}, zip',
  'help.report.browser':
    'Chromium, das die Abbildungen vorab zeichnet und das PDF druckt (Vorgabe: wird selbst gesucht)',
  'help.report.no-browser': 'keinen Browser verwenden: Das HTML zeichnet seine Abbildungen selbst, kein PDF',
  'help.paper': 'Papierformat des PDFs',
  'help.report.appendix':
    'die Rohausgaben im PDF: full (jede Zeile), cited (die Zeilen, die Befunde und Antworten zitieren), none',
  'help.report.audience':
    'review: Befunde zuerst, mit Antworten; handout: ein Arbeitsblatt mit den Fragen und Platz zum Schreiben; answers: die Lösungen',
  'help.report.blanks':
    'mit --audience handout: die Schnittstellennamen der Abbildung zum Ausfüllen leer lassen',
  'help.report.order':
    'Reihenfolge der Schritte: wie auf der Befehlszeile angegeben oder nach Erfassungszeit',
  'help.report.lang':
    'Sprache des Berichts und dieser Meldungen (Vorgabe: aus LC_ALL, LC_MESSAGES oder LANG, sonst en)',
  'help.report.title': 'Titel des Berichts (Vorgabe: aus den Hostnamen)',
  'help.report.zip':
    'zusätzlich ein Archiv für ein Ticket schreiben: die Formate, Abbildungen, Bündel, SHA256SUMS',
  'help.report.fail-on': 'mit Exit-Code 5 enden, wenn ein Befund dieser Schwere oder höher gemeldet wird',
  'help.report.redact':
    'Hostnamen, öffentliche IP-Adressen, MACs und Compose-/Home-Pfade durch gleichbleibende Pseudonyme ersetzen (siehe docs/redaction.md)',
  'help.report.redact-map':
    'mit --redact: auch Original -> Pseudonym in DATEI schreiben (nie in den Bericht oder das Zip)',
  'help.report.cluster':
    'die Eingaben sind die Knoten eines Swarms, zur selben Zeit erfasst (Bündel oder ein Ordner davon): ein Bericht über den Cluster',
  'help.quiet': 'nichts außer Fehlern ausgeben',
  'help.report.after':
    'Ohne Browser (keiner gefunden oder --no-browser) bettet report.html das Skript von mermaid ein, das\ndie Abbildungen beim Öffnen zeichnet, und es wird kein PDF geschrieben; der Hinweis sagt, wie man eines bekommt.\nDiese Hilfe spricht die Sprache aus LC_ALL, LC_MESSAGES oder LANG (LANG=de_DE.UTF-8 dockernet --help: Deutsch).',
  'help.fleet':
    'Ein Bericht je Host für viele voneinander unabhängige Hosts, dazu eine Übersichtsseite (index.html, .json, .md), die sie verlinkt.',
  'help.fleet.inputs':
    'Ordner mit Bündeln (rekursiv durchsucht), .tar.gz-Bündel oder Bündel-Ordner: je einer pro Host',
  'help.fleet.output': 'Ordner, in den index.html und ein Ordner je Host geschrieben werden',
  'help.fleet.format': 'die Formate jedes Hosts: {formats}',
  'help.fleet.browser':
    'Chromium, das die Abbildungen aller Hosts vorab zeichnet (ein Browser für alle Hosts)',
  'help.fleet.no-browser':
    'keinen Browser verwenden: Jede report.html zeichnet ihre Abbildungen selbst, kein PDF',
  'help.fleet.appendix': 'die Rohausgaben in den PDFs',
  'help.fleet.audience': 'wie bei report',
  'help.fleet.lang':
    'Sprache der Berichte, der Übersicht und dieser Meldungen (Vorgabe: aus LC_ALL, LC_MESSAGES oder LANG, sonst en)',
  'help.fleet.fail-on': 'mit Exit-Code 5 enden, wenn ein Host einen Befund dieser Schwere oder höher hat',
  'help.fleet.after':
    'Ein Bündel, das sich nicht lesen lässt, ist eine Zeile der Übersicht mit seinem Fehler; die anderen Hosts\nwerden trotzdem geschrieben, und der Exit-Code ist dann 3.',
  'help.parse':
    'Das JSON eines Parsers für eine Befehlsausgabe ausgeben (Standardeingabe ohne Datei), wie jc.',
  'help.parse.parser': 'Id des Parsers, siehe --list',
  'help.parse.file': 'Datei mit der Befehlsausgabe; ohne sie die Standardeingabe',
  'help.parse.list': 'die Parser auflisten',
  'help.trace': 'Das erste Paket einer Verbindung durch Routen, Brücken und die Firewall verfolgen.',
  'help.bundles':
    '.tar.gz-Bündel oder entpackter Bündel-Ordner (mit --cluster: einer je Knoten oder ein Ordner)',
  'help.trace.from':
    'host | outside[:uplink] | Containername | Namensraum-Id (container:x, netns:x); mit --cluster KNOTEN:CONTAINER',
  'help.trace.cluster':
    'die Bündel sind die Knoten eines Swarms: das Paket über das Overlay zu einem anderen Knoten verfolgen',
  'help.reach.cluster':
    'die Bündel sind die Knoten eines Swarms: jeder Container an einem Overlay x jeder Overlay-Socket, über Knoten hinweg',
  'help.trace.to': 'Ziel ADRESSE:PORT[/tcp|udp]; [v6]:PORT für IPv6',
  'help.trace.src': 'Quelladresse (Vorgabe: gewählt wie vom Kernel)',
  'help.trace.json': 'den Weg als JSON ausgeben',
  'help.trace.lang': 'Sprache des Wegs (Vorgabe: aus LC_ALL, LC_MESSAGES oder LANG, sonst en)',
  'help.reach': 'Wer erreicht was: jede Quelle x jeder lauschende Socket und veröffentlichte Port.',
  'help.reach.json': 'die Matrix mit jedem Weg als JSON ausgeben',
  'help.reach.lang':
    'Sprache der Matrix und ihrer Wege (Vorgabe: aus LC_ALL, LC_MESSAGES oder LANG, sonst en)',
  'help.collector':
    'Den POSIX-sh-Sammler ausgeben, der auf einem Docker-Host läuft (er schreibt ein Bündel).',

  // --- warum eine Frage nicht passt (src/analyses/run-questions.ts) --------------------------
  'need.host.interfaces': 'die Schnittstellen des Hosts (`ip addr`)',
  'need.host.routes': 'die Routingtabelle des Hosts (`ip route`)',
  'need.host.bridges': 'die Brücken des Hosts (`brctl show` oder `bridge link`)',
  'need.host.sockets': 'die Sockets des Hosts (`netstat` oder `ss`)',
  'need.host.processes': 'die Prozesse des Hosts (`ps`)',
  'need.docker': 'Docker ist in diesem Schritt nicht installiert (oder `docker version` schlug fehl)',
  'need.docker.networks': 'die Docker-Netzwerke (`docker network ls` / `inspect`)',
  'need.container': 'der Netzwerk-Namensraum eines Containers',
  'need.sandbox': 'die Sandbox-Namensräume von Docker',
  'need.not-captured': 'nicht erfasst: {what}',
  'need.failed': 'Frage {id} schlug fehl: {error}',
  'need.docker-not-installed': 'Docker ist in diesem Schritt nicht installiert',

  // Nach „in“/„von“: Dativ.
  'ns.label.host': 'dem Host{name, select, none {} other { {name}}}',
  'ns.label.container': 'Container {name}',
  'ns.label.sandbox': 'Docker-Sandbox {name}',

  // --- was ein Socket ist (src/analyses/socket-roles.ts) -------------------------------------
  'role.port.22': 'SSH',
  'role.port.25': 'SMTP (E-Mail)',
  'role.port.53': 'DNS',
  'role.port.67': 'DHCP-Server',
  'role.port.68': 'DHCP-Client',
  'role.port.80': 'HTTP',
  'role.port.111': 'rpcbind (NFS, RPC)',
  'role.port.123': 'NTP (Zeit)',
  'role.port.443': 'HTTPS',
  'role.port.631': 'IPP (Drucken)',
  'role.port.2375': 'Docker-API ohne TLS',
  'role.port.2376': 'Docker-API mit TLS',
  'role.port.5353': 'mDNS',
  'role.port.8080': 'HTTP (Ausweichport)',
  'role.docker-proxy':
    'der Userland-Proxy von Docker für den veröffentlichten Port {port}{target, select, none {} other {: Er leitet Verbindungen an `{target}` weiter}}{container, select, none {} other { (Container {container})}}',
  'role.dockerd-dns':
    'der eingebaute DNS-Server von Docker für Container in benutzerdefinierten Netzwerken (Clients fragen 127.0.0.11:53, NAT-Regeln leiten das hierher um)',
  'role.dockerd-swarm':
    'der Swarm-Manager-Port von dockerd: Clusterverwaltung (Raft, Beitritt von Knoten, Verteilung der Tasks) über gegenseitiges TLS',
  'role.dockerd-gossip':
    'der Swarm-Gossip von dockerd ({transport}): Knoten finden einander und teilen den Zustand der Overlay-Netzwerke',
  'role.dockerd': 'ein Socket der Docker-Engine (dockerd)',
  'role.vxlan':
    'der VXLAN-Socket des Kernels (ihm gehört kein Prozess): Verkehr der Overlay-Netzwerke zwischen den Swarm-Knoten, UDP 4789',
  'role.sshd': 'der OpenSSH-Server (sshd), der auf Anmeldungen wartet',
  'role.ssh-session':
    'eine offene SSH-Sitzung{user, select, none {} other { (Benutzer {user} auf {tty})}} von {from}: der sshd-Prozess der Anmeldung eines Administrators, meist der, von dem aus die Erfassung lief',
  'role.resolved':
    'der lokale DNS-Stub-Resolver von systemd-resolved: Programme auf dem Host schicken ihm ihre DNS-Anfragen (/etc/resolv.conf zeigt auf 127.0.0.53), und er reicht sie an die echten DNS-Server weiter',
  'role.no-owner':
    'ein Socket ohne sichtbaren Besitzer{service, select, none {} other { auf dem {service}-Port}} (ein Socket des Kernels oder eines anderen Benutzers, wenn die Erfassung nicht als root lief)',
  'role.process':
    '{prog, select, none {ein Prozess} other {`{prog}`}}{pid, select, none {} other { (PID {pid})}}{service, select, none {} other {, auf dem {service}-Port}}',
  'role.bind.all': 'auf jeder Adresse',
  'role.bind.all6': 'auf jeder Adresse (IPv6-Wildcard `::`)',
  'role.bind.loopback': 'nur auf Loopback (aus dem Netz nicht erreichbar)',
  'role.bind.one': 'nur auf {address}',

  // --- F: host-interfaces ---------------------------------------------------------------------
  'q.host-interfaces.question':
    'Welche Netzwerk-Schnittstellen hat der Host{host, select, none {} other { {host}}}?',
  'q.host-interfaces.state': 'Zustand {state}',
  'q.host-interfaces.mtu': 'MTU {mtu}',
  'q.host-interfaces.port-of': 'Port von `{master}`',
  'q.host-interfaces.line':
    '- `{ifindex}: {name}` ({kind}{extra, select, none {} other {, {extra, list, unit}}}){addrs, select, none {: keine Adresse} other {: {addrs, list}}}',
  'q.host-interfaces.addr-on': '`{cidr}` auf `{name}`',
  'q.host-interfaces.count':
    '`ip addr` zeigt {n, plural, one {# Schnittstelle} other {# Schnittstellen}} auf dem Host:',
  'q.host-interfaces.explain':
    'Jeder Block ist eine Schnittstelle: ihr Index und Name, die Flags in spitzen Klammern (`UP`: vom Administrator eingeschaltet; `LOWER_UP`: die Verbindung darunter hat Träger; `NO-CARRIER`: sie hat keinen), die MTU, der Betriebszustand `state`, die MAC-Adresse (`link/ether`) und ihre Adressen (`inet` für IPv4, `inet6` für IPv6, jeweils mit Präfixlänge). `lo` ist die Loopback-Schnittstelle, die nur der Host selbst erreicht.',
  'q.host-interfaces.v4':
    'Die IPv4-{n, plural, one {Adresse des Hosts ist} other {Adressen des Hosts sind}} {addrs, list}.',
  'q.host-interfaces.fact.interfaces': 'Schnittstellen',
  'q.host-interfaces.fact.kinds': 'Arten',
  'q.host-interfaces.fact.v4': 'IPv4-Adressen',

  // --- F: host-bridges ------------------------------------------------------------------------
  'q.host-bridges.question': 'Welche Brücken hat der Host, und was bedeutet STP?',
  'q.host-bridges.none':
    'Keine: `brctl show` gibt nur seine Kopfzeile aus, der Host hat also noch keine Linux-Brücke. Seine Schnittstellen verbinden ihn direkt mit dem Netz, und hinter dem Host liegt kein Subnetz.',
  'q.host-bridges.count': 'Der Host hat {n, plural, one {# Brücke} other {# Brücken}}:',
  'q.host-bridges.line':
    '- `{name}`{id, select, none {} other { (Brücken-ID `{id}`)}}: STP {stp, select, on {an} off {aus} other {nicht angezeigt}}, {ports, select, none {keine Ports} other {Ports {ports, list}}}',
  'q.host-bridges.stp':
    'STP, das Spanning Tree Protocol (IEEE 802.1D), lässt Brücken, die zu einer Schleife verbunden sind, sich auf einen schleifenfreien Baum einigen: Sie tauschen BPDU-Nachrichten aus, wählen eine Root-Brücke und sperren überzählige Ports, damit Broadcast-Frames nicht endlos kreisen. Ein Port, der einer STP-Brücke beitritt, lauscht und lernt zuerst (standardmäßig je 15 Sekunden), bevor er weiterleitet.',
  'q.host-bridges.stp-off':
    'STP ist aus auf {bridges, list}. So legt Docker seine Brücken an: Ihre Ports sind veth-Kabel zu einzelnen Containern, die keine Schleife bilden können, und STP würde nur den Port jedes neuen Containers verzögern.',
  'q.host-bridges.stp-on':
    'STP ist an für {bridges, list}: Neue Ports leiten erst nach der Lausch- und Lernphase weiter.',
  'q.host-bridges.fact.bridges': 'Brücken',

  // --- F: host-routes -------------------------------------------------------------------------
  'q.host-routes.question': 'Wie routet der Host seinen IPv4-Verkehr (Routingtabelle main)?',
  'q.host-routes.na': 'es wurde keine IPv4-Route in der Tabelle main erfasst',
  'q.host-routes.default': 'die Standardroute: alles ohne genauere Route',
  'q.host-routes.to': 'nach `{dst}`',
  'q.host-routes.via': 'geht zum Gateway `{via}`{dev, select, none {} other { über `{dev}`}}',
  'q.host-routes.direct':
    'wird direkt auf `{dev}` zugestellt (ein direkt angeschlossenes Netz{src, select, none {} other {, gesendet von `{src}`}})',
  'q.host-routes.no-dev': 'hat kein Gerät',
  'q.host-routes.proto-kernel': ', vom Kernel für eine Adresse angelegt',
  'q.host-routes.proto': ', proto {proto}',
  'q.host-routes.count': 'Die Tabelle main enthält {n, plural, one {# IPv4-Route} other {# IPv4-Routen}}:',
  'q.host-routes.explain':
    'Der Kernel wählt die genaueste passende Route (das längste Präfix). Routen mit `proto kernel scope link` entstehen von selbst, wenn eine Adresse auf eine Schnittstelle gelegt wird: Das Netz dieser Adresse ist direkt über diese Verbindung erreichbar. `src` ist die Adresse, die der Host auf dieser Route als Absender verwendet.',
  'q.host-routes.no-default': 'Es gibt keine Standardroute: Der Host erreicht nur die aufgeführten Netze.',
  'q.host-routes.local':
    'Die Tabelle local ({n, plural, one {# Route} other {# Routen}}) gehört dem Kernel: eine `local`-Route je Adresse des Hosts und die `broadcast`-Routen jedes Netzes. Der Administrator pflegt die Tabelle main, der Kernel die Tabelle local.',
  'q.host-routes.fact.routes': 'Routen (main, IPv4)',
  'q.host-routes.fact.gateway': 'Standard-Gateway',

  // --- F: host-sockets ------------------------------------------------------------------------
  'q.host-sockets.question':
    'Welche Sockets lauschen oder sind verbunden auf dem Host, und was ist jeder davon?',
  'q.host-sockets.na': 'die Socket-Liste enthält keinen TCP- oder UDP-Socket',
  'q.host-sockets.listening': 'Lauschend ({n}):',
  'q.host-sockets.connected': 'Verbunden ({n}):',
  'q.host-sockets.explain':
    'Ein lauschender TCP-Socket wartet auf Verbindungen (`LISTEN`); ein UDP-Socket hat keinen Verbindungszustand, deshalb lässt netstat seine Spalte State leer. Die lokale Adresse sagt, wer ihn erreichen kann: `0.0.0.0` (oder `::` für IPv6) heißt jede Adresse des Hosts, `127.0.0.1`/`localhost` nur der Host selbst. netstat zeigt Namen statt Zahlen, außer mit `-n` (`ssh` ist Port 22, `domain` Port 53), und den zugehörigen Prozess nur für root (`-p`).',
  'q.host-sockets.fact.listening': 'lauschend',
  'q.host-sockets.fact.connected': 'verbunden',
  'q.host-sockets.fact.exposed': 'aus dem Netz erreichbar',
  'q.host-sockets.fact.sessions': 'Sitzungen',
  'q.host-sockets.connections': '{n, plural, one {# Verbindung} other {# Verbindungen}}',

  // --- Fakten mehrerer Fragen -----------------------------------------------------------------
  'q.fact.interface': 'Schnittstelle',
  'q.fact.kind': 'Art',
  'q.fact.state': 'Zustand',
  'q.fact.addresses': 'Adressen',
  'q.fact.carrier': 'Träger',
  'q.fact.carrier-yes': 'ja (LOWER_UP)',
  'q.fact.ports': 'Ports',
  'q.fact.subnet': 'Subnetz',
  'q.fact.gateway': 'Gateway',
  'q.fact.bridge-id': 'Brücken-ID',
  'q.fact.interface-mac': 'MAC der Schnittstelle',
  'q.fact.interface-index': 'Index der Schnittstelle',
  'q.default-bridge.not-found': 'die Standard-Brücke von Docker kommt in den Daten dieses Schritts nicht vor',
  'q.default-bridge.no-interface-line': 'die Brücke hat keine Schnittstellenzeile in `ip addr`',

  // --- F: default-bridge-interface ------------------------------------------------------------
  'q.default-bridge-interface.question': 'Wie liest man die Schnittstelle `{name}`?',
  'q.default-bridge-interface.what':
    '`{ifindex}: {name}` ist eine Linux-Brücke, ein virtueller Switch im Kernel, den dockerd für sein Standardnetzwerk{network, select, none {} other { `{network}`}} angelegt hat. Die Zeile zeigt die eigene Schnittstelle der Brücke: den Port des Hosts in diesen Switch.',
  'q.default-bridge-interface.flags':
    'Flags `<{flags}>`: {admin, select, up {`UP` heißt, dockerd hat sie eingeschaltet} other {ohne `UP` ist sie ausgeschaltet}}; {carrier, select, lower-up {`LOWER_UP` heißt, sie hat Träger} no-carrier {`NO-CARRIER` heißt, sie hat keinen Träger} other {kein Träger-Flag wird angezeigt}}; Betriebszustand `{state}`.{mtu, select, none {} other { MTU {mtu}.}}{mac, select, none {} other { Die MAC `{mac}`{docker, select, yes { beginnt mit 02:42, dem lokal verwalteten Präfix von Docker} other {}}.}}',
  'q.default-bridge-interface.address':
    '{cidrs, list}: die Adresse des Hosts im Brücken-Netz{gateway, select, none {} other {, und das Gateway, das Docker jedem Container von `{gateway}` gibt}}. Container an dieser Brücke erhalten Adressen aus {networks, list} und schicken alles andere an `{first}`.',

  // --- F: default-bridge-state ----------------------------------------------------------------
  'q.default-bridge-state.question-up': 'Warum ist `{name}` jetzt UP?',
  'q.default-bridge-state.question-down': 'Warum ist `{name}` DOWN (NO-CARRIER)?',
  'q.default-bridge-state.down':
    '`{name}` ist eingeschaltet ({admin, select, up {`UP` steht in den Flags} other {obwohl `UP` fehlt}}), hat aber {carrier, select, no-carrier {`NO-CARRIER`} other {keinen Träger}}, deshalb ist ihr Zustand `{state}`.',
  'q.default-bridge-state.no-port':
    'Sie hat überhaupt keinen Port: Kein Container hängt an {network, select, none {ihr} other {dem Netzwerk `{network}`}}, also kann ihr nichts Träger geben.',
  'q.default-bridge-state.ports-no-carrier':
    'Sie hat {n, plural, one {# Port} other {# Ports}} ({ports, list}), aber {any, select, none {keiner davon hat Träger} other {die Brücke zeigt trotzdem keinen Träger}}.',
  'q.default-bridge-state.rule':
    'Eine Brücke bezieht ihren Träger von ihren Ports: Sie hat Träger (`LOWER_UP`, Zustand UP), solange mindestens einer ihrer Ports eingeschaltet ist und Träger hat, und keinen (`NO-CARRIER`, Zustand DOWN), solange es keinen solchen Port gibt. Eingeschaltet sein (`UP` in den Flags) ist der administrative Zustand; `state` ist der Betriebszustand.',
  'q.default-bridge-state.comes-up':
    'Sie geht von selbst auf UP, sobald ein Container an ihr startet: Docker fügt dann einen veth-Port hinzu, dessen anderes Ende das `eth0` des Containers ist.',
  'q.default-bridge-state.up':
    '`{name}` hat Träger (`LOWER_UP`) und den Zustand `{state}`, weil {why, select, up-ports {{n, plural, one {# Port mit Träger angeschlossen ist} other {# Ports mit Träger angeschlossen sind}}: {ports, list}} ports {sie {n, plural, one {# Port} other {# Ports}} hat: {ports, list}} other {sie einen Port hat, den die Erfassung nicht aufführt}}. Jeder solche Port ist das Host-Ende eines veth-Paars, das zu einem Container führt.',

  // --- F: default-bridge-ports ----------------------------------------------------------------
  'q.default-bridge-ports.question-some': 'Welche Schnittstellen hängen an der Brücke `{name}`?',
  'q.default-bridge-ports.question-none': 'Warum hat die Brücke `{name}` keine Schnittstellen?',
  'q.default-bridge-ports.na': 'die Brückenliste zeigt sie nicht',
  'q.default-bridge-ports.column':
    'Die Spalte `interfaces` von `brctl show` listet die Ports der Brücke: die Schnittstellen, die ihr untergeordnet sind (`master` in `ip addr`). Die gleichnamige eigene Schnittstelle der Brücke gehört nicht dazu.',
  'q.default-bridge-ports.none':
    '`{name}` hat keine, weil kein Container an {network, select, none {ihr hängt} other {dem Docker-Netzwerk `{network}` hängt (seine Liste `Containers` ist {endpoints, plural, =0 {leer} one {# lang} other {# lang}})}}. Docker fügt je Container einen Port hinzu: das Host-Ende des veth-Paars des Containers.',
  'q.default-bridge-ports.row':
    '- `{port}`{peer, select, none {} other {: sein Gegenstück ist `{peer}` in {ns}}}',
  'q.default-bridge-ports.some':
    '`{name}` hat {n, plural, one {einen Port} other {# Ports}}, je einen pro angeschlossenem Container oder angeschlossener Sandbox:',
  'q.default-bridge-ports.docker-view':
    'Dasselbe aus der Sicht von Docker: Das Netzwerk `{network}` führt {endpoints, list}.',
  'q.default-bridge-ports.fact.endpoints': 'Endpunkte in Docker',

  // --- F: default-bridge-subnet ---------------------------------------------------------------
  'q.default-bridge-subnet.question': 'Welches Subnetz gehört zur Brücke `{name}`?',
  'q.default-bridge-subnet.addr': '`{cidr}` ist die Adresse `{address}` im Netz `{network}`',
  'q.default-bridge-subnet.from-interface':
    'Aus der Schnittstelle: {addrs, list}; die Präfixlänge /{prefix} lässt {usable, number} nutzbare Adressen.',
  'q.default-bridge-subnet.route':
    'Der Kernel hat die passende direkte Route `{route}` angelegt: Das ganze Subnetz wird direkt über die Brücke erreicht.',
  'q.default-bridge-subnet.ipam-subnet':
    'Subnetz `{subnet}`{gateway, select, none {} other { mit Gateway `{gateway}`}}',
  'q.default-bridge-subnet.ipam':
    'Das IPAM von Docker nennt für das Netzwerk `{network}` {subnets, list}{match, select, same {, dasselbe Subnetz} differs {, was nicht zum `{iface}` der Schnittstelle passt} other {}}. Docker vergibt daraus die Adressen der Container; das Gateway ist die eigene Adresse der Brücke.',
  'q.default-bridge-subnet.nothing':
    'Für `{name}` wurde weder eine IPv4-Adresse noch ein IPAM-Subnetz erfasst.',

  // --- F: bridge-vs-interface -----------------------------------------------------------------
  'q.bridge-vs-interface.question': 'Wie hängen die Brücke `{name}` und die Schnittstelle `{name}` zusammen?',
  'q.bridge-vs-interface.na': 'die Brücke fehlt in `ip addr` oder in der Brückenliste',
  'q.bridge-vs-interface.one-object':
    'Sie sind ein Kernel-Objekt, von zwei Seiten gesehen. `brctl show` zeigt `{name}` als Switch: seine Brücken-ID und seine Ports. `ip addr` zeigt dasselbe Gerät als Schnittstelle {ifindex}: den eigenen Port des Switches zum Host hin, der die Adresse des Hosts trägt{address, select, none {} other { (`{address}`)}}. Ein Frame, den ein Container an diese Adresse schickt, verlässt den Switch über diesen internen Port in den IP-Stack des Hosts, wo er geroutet wird.',
  'q.bridge-vs-interface.same-mac':
    'Die Brücken-ID `{id}` ist die Priorität `{prio}`, gefolgt von der MAC der Schnittstelle `{mac}`: dasselbe Gerät.',
  'q.bridge-vs-interface.other-mac':
    'Die Brücken-ID `{id}` ist die Priorität `{prio}`, gefolgt von einer MAC, `{mac}`, die von der MAC der Schnittstelle `{ifmac}` abweicht: Auf einem laufenden System stimmen sie überein, diese beiden Ausgaben wurden also wohl zu verschiedenen Zeiten erfasst (Docker gibt der Brücke jedes Mal eine neue zufällige MAC, wenn es sie neu anlegt).',
  'q.bridge-vs-interface.ports':
    'Die Ports der Brücke ({ports, select, none {jetzt keine} other {{ports, list, unit}}}) sind andere Schnittstellen, deren `master` `{name}` ist; die Schnittstelle `{name}` selbst ist kein Port.',

  // --- Bausteine mehrerer Fragen --------------------------------------------------------------
  'q.not-captured': 'nicht erfasst',
  'q.not-set': 'nicht gesetzt',
  'q.not-shown': 'nicht angezeigt',
  'q.in-ns': 'in {ns}',
  'q.subnet-gateway': '`{subnet}`{gateway, select, none {} other { (Gateway `{gateway}`)}}',

  // --- F: linkdown-route ----------------------------------------------------------------------
  'q.linkdown-route.question': 'Was bedeutet die Route `{route}`?',
  'q.linkdown-route.question-none': 'Warum tragen die Routen der Brücken kein `linkdown`-Flag?',
  'q.linkdown-route.na': 'keine Route des Hosts zeigt auf eine Brücke',
  'q.linkdown-route.down':
    '`{route}` ist die direkte Route, die der Kernel angelegt hat, als {src, select, none {`die Adresse`} other {`{src}`}} auf `{dev}` gelegt wurde (`proto kernel scope link`){network, select, none {} other {: das Subnetz des Docker-Netzwerks `{network}`}}. `linkdown` sagt, dass das Gerät keinen Träger hat{state, select, none {} other { (`{dev}` ist {state})}}: Noch hängt kein Container daran. Die Route bleibt in der Tabelle, aber dahinter kann niemand antworten; der Kernel übergeht solche Routen nur, wenn `net.ipv4.conf.{dev}.ignore_routes_with_linkdown` 1 ist.',
  'q.linkdown-route.up':
    '{routes, list, unit} {n, plural, one {hat} other {haben}} kein `linkdown`-Flag: Die Brücke hat Träger, weil ein Port angeschlossen ist, und das Flag ist von selbst verschwunden.',
  'q.linkdown-route.fact.routes': 'Routen der Brücken',

  // --- F: docker-networks ---------------------------------------------------------------------
  'q.docker-networks.question':
    'Welche Docker-Netzwerke gibt es, welche sind die Standardnetzwerke, und welche anderen Treiber gibt es?',
  'q.docker-networks.na': 'es wurde kein Docker-Netzwerk aufgeführt',
  'q.docker-networks.count': '{n, plural, one {# Netzwerk} other {# Netzwerke}}:',
  'q.docker-networks.line':
    '- `{name}` (Treiber {driver}, Geltungsbereich {scope}{subnets, select, none {} other {, {subnets}}}{endpoints, plural, =0 {} one {, # Endpunkt} other {, # Endpunkte}}): {role}',
  'q.docker-networks.builtins':
    '{names, list} {n, plural, one {legt die Engine selbst an; es kann} other {legt die Engine selbst an; sie können}} nicht entfernt werden.',
  'q.docker-networks.drivers':
    'Weitere Treiber: `bridge` für benutzerdefinierte Brücken-Netzwerke (eigene Linux-Brücke, Namensauflösung zwischen den Containern), `overlay` für Netzwerke über mehrere Swarm-Knoten, `macvlan` und `ipvlan`, um Container direkt in ein physisches LAN oder VLAN zu stellen, und Netzwerk-Plugins von Drittanbietern.',
  'q.docker-networks.role.default':
    'das Standard-Brücken-Netzwerk: Jeder Container, der ohne `--network` gestartet wird, hängt daran, über die Linux-Brücke `{bridge}`',
  'q.docker-networks.role.host':
    'Container darin teilen sich den Netzwerk-Stack des Hosts: kein eigener Namensraum, keine Isolation, ihre Ports sind die Ports des Hosts',
  'q.docker-networks.role.null':
    'Container darin erhalten einen eigenen Netzwerk-Namensraum mit nur der Loopback-Schnittstelle: gar kein Netz',
  'q.docker-networks.role.ingress':
    'das Routing-Mesh des Swarms: Veröffentlichte Ports eines Dienstes erreichen darüber Tasks auf jedem Knoten',
  'q.docker-networks.role.overlay':
    'ein Overlay-Netzwerk über die Swarm-Knoten hinweg (VXLAN zwischen den Hosts)',
  'q.docker-networks.role.gwbridge':
    'die Brücke, über die Swarm-Container und die Ingress-Sandbox ins Netz des Hosts hinauskommen',
  'q.docker-networks.role.bridge': 'ein benutzerdefiniertes Brücken-Netzwerk auf der Linux-Brücke `{bridge}`',
  'q.docker-networks.role.macvlan':
    'Container darin erscheinen direkt im LAN einer Schnittstelle des Hosts (eigene oder geteilte MAC)',
  'q.docker-networks.role.other': 'ein Netzwerk des Treibers `{driver}`',

  // --- F: veth-peer ---------------------------------------------------------------------------
  'q.veth-peer.question': 'Wo ist die Schnittstelle {index}, und was bedeutet `{name}`?',
  'q.veth-peer.question-none': 'Wo ist das andere Ende einer veth-Schnittstelle?',
  'q.veth-peer.na': 'der Host hat keine veth-Schnittstelle mit dem Index eines Gegenstücks',
  'q.veth-peer.pair':
    '`{ifindex}: {name}@if{peer}` ist ein Ende eines veth-Paars, eines virtuellen Kabels: Was an einem Ende hineingeht, kommt am anderen heraus. `@if{peer}` nennt das andere Ende über seinen Schnittstellen-Index, {peer}.',
  'q.veth-peer.netnsid':
    '`link-netnsid {nsid}` sagt, dass dieser Index in einem anderen Netzwerk-Namensraum liegt, dem, den der Host unter der ID {nsid} kennt; Indizes zählen je Namensraum, deshalb hat die eigene Liste des Hosts keine Schnittstelle {peer}.',
  'q.veth-peer.no-netnsid':
    'Die eigene Liste des Hosts hat keine Schnittstelle {peer}, sie liegt also in einem anderen Netzwerk-Namensraum (diese Ausgabe zeigt kein `link-netnsid`).',
  'q.veth-peer.other-end':
    'Die Erfassung von {ns} zeigt es: `{end}`{addrs, select, none {} other { mit {addrs, list, unit}}}, dessen `@if{ifindex}` zurück auf `{host}` des Hosts zeigt. Drinnen heißt das Ende `{inside}`: Der Container sieht eine gewöhnliche Ethernet-Schnittstelle.',
  'q.veth-peer.m-down':
    'Sein Flag `M-DOWN` ist ein Artefakt des Werkzeugs: `ip` hat den Index {ifindex} des Gegenstücks im eigenen Namensraum des Containers gesucht, wo es ihn nicht gibt, und diesen „master“ als ausgefallen gemeldet.',
  'q.veth-peer.not-captured':
    'Der Namensraum des anderen Endes wurde nicht erfasst, deshalb kann die Erfassung es nicht zeigen.',
  'q.veth-peer.master':
    '`master {master}`: Das Host-Ende ist ein Port der Brücke `{master}`, der Container steckt also in diesem Switch.',
  'q.veth-peer.others': 'Die anderen veth-Enden auf dem Host: {others, list, unit}.',
  'q.veth-peer.other':
    '`{name}`{peer, select, none { (Gegenstück nicht erfasst)} other { -> `{peer}` in {ns}}}',
  'q.veth-peer.fact.host-end': 'Host-Ende',
  'q.veth-peer.fact.peer-index': 'Index des Gegenstücks',
  'q.veth-peer.fact.peer': 'Gegenstück',

  // --- F: proxy-dual-stack --------------------------------------------------------------------
  'q.proxy-dual-stack.question': 'Warum lauscht docker-proxy auf `{addr}`, und welche Clients erreichen ihn?',
  'q.proxy-dual-stack.question-none': 'Wie wird ein veröffentlichter Port auf dem Host bedient?',
  'q.proxy-dual-stack.na':
    'es wurde kein Socket von docker-proxy erfasst (kein veröffentlichter Port oder keine Prozessnamen)',
  'q.proxy-dual-stack.port':
    'Port {port}: docker-proxy (PID {pid}) ist der Userland-Proxy von Docker für einen veröffentlichten Port{target, select, none {} other {; er leitet jede Verbindung an den Container unter `{target}` weiter}}. Verbindungen von anderen Hosts werden normalerweise schon von den DNAT-Regeln von Docker umgeschrieben (iptables-Tabelle `nat`, Kette `DOCKER`), bevor sie einen Socket erreichen; der Proxy bedient, was diese Regeln nicht erfassen, etwa Verbindungen vom Host selbst zu `localhost:{port}`.',
  'q.proxy-dual-stack.two':
    'Es gibt zwei Sockets, `{v4}` und `{v6}`: einen Proxy je Adressfamilie. Ein IPv4-Client wird vom IPv4-Socket bedient. Der Socket auf `::` muss reines IPv6 sein (`IPV6_V6ONLY`), sonst könnte er den Port nicht mit `0.0.0.0` teilen.',
  'q.proxy-dual-stack.v6':
    '`{addr}` (`:::{port}` in netstat) ist die IPv6-Wildcard{hostip, select, none {} other {, obwohl der Proxy mit `-host-ip {hostip}` gestartet wurde}}. Unter Linux nimmt ein IPv6-Socket auf `::` auch IPv4-Verbindungen an, solange er nicht auf reines IPv6 gestellt ist: Ein IPv4-Client{client, select, none {} other {, der `{client}` anspricht,}} kommt als IPv4-gemappte Adresse an (`::ffff:a.b.c.d`). Deshalb zeigt netstat nur `tcp6`, und IPv4-Clients kommen trotzdem durch. docker-proxy ist in Go geschrieben, das für einen `tcp`-Listener auf der Wildcard einen Dual-Stack-Socket öffnet und `IPV6_V6ONLY` selbst setzt.',
  'q.proxy-dual-stack.v4':
    '`{addr}`: ein IPv4-Socket auf jeder Adresse; IPv6-Clients erreichen diesen Port über den Proxy nicht.',
  'q.proxy-dual-stack.v6-proxied':
    'Keine DNAT-Regel von ip6tables erfasst Port {port} (Docker schreibt eine nur für einen Container mit IPv6-Adresse und nur mit eingeschaltetem ip6tables), also verbinden sich IPv6-Clients anderer Hosts mit `{addr}` selbst: Das Paket ist an den Host adressiert, es durchläuft die INPUT-Kette von ip6tables auf dem Host (wo Regeln von ufw oder firewalld greifen), nicht FORWARD, und der Container sieht die Verbindung vom Proxy kommen{gateway, select, none {} other { (`{gateway}`)}}, nicht vom Client.',
  'q.proxy-dual-stack.bindv6only':
    '`net.ipv6.bindv6only` ist {value, select, none {nicht vorhanden (IPv6 ist nicht verfügbar)} other {`{value}`}}: {value, select, 1 {Neue IPv6-Sockets sind standardmäßig reines IPv6; ein Programm, das `IPV6_V6ONLY` nicht selbst setzt, würde IPv4-Clients auf `::` also nicht bedienen.} other {IPv6-Sockets sind standardmäßig Dual-Stack; ein Programm kann einen trotzdem mit `IPV6_V6ONLY` auf reines IPv6 stellen.}}',
  'q.proxy-dual-stack.bindv6only-missing':
    '`net.ipv6.bindv6only` (der Standard für Programme, die es nicht selbst festlegen; 1 macht Sockets auf `::` zu reinem IPv6) wurde in diesem Schritt nicht erfasst.',
  'q.proxy-dual-stack.fact.sockets': 'Sockets des Proxys',
  'q.proxy-dual-stack.absent': 'nicht vorhanden',

  // --- F: container-network -------------------------------------------------------------------
  'q.container-network.question':
    'Welche Schnittstellen und Routen hat {name, select, none {jeder Container} other {der Container `{name}`}}?',
  'q.container-network.na': 'es wurde kein Netzwerk-Namensraum eines Containers erfasst',
  'q.container-network.interfaces':
    '`{name}` hat {ifs, list}: sein eigenes Loopback und {veths, plural, one {ein Ende eines veth-Paars} other {je ein Ende seiner veth-Paare}}, in einem eigenen Netzwerk-Namensraum.',
  'q.container-network.default':
    'Seine Standardroute `{route}` schickt alles außerhalb seines eigenen Subnetzes an `{via}`{bridge, select, none {{network, select, none {} other {, das Gateway des Docker-Netzwerks `{network}`}}} other {, die Adresse der Brücke `{bridge}` des Hosts{network, select, none {} other { (das Gateway des Docker-Netzwerks `{network}`)}}}}. Das Paket geht über das veth-Paar zur Brücke, tritt dort in den IP-Stack des Hosts ein, und der Host routet es weiter{masquerade, select, yes {, wobei er beim Hinausgehen die Adresse des Containers durch seine eigene ersetzt (Masquerading)} other {}}.',
  'q.container-network.no-default':
    'Er hat keine IPv4-Standardroute: Er erreicht nur die Netze, an die er direkt angeschlossen ist.',
  'q.container-network.connected':
    '{routes, list}: {n, plural, one {das direkt angeschlossene Subnetz} other {die direkt angeschlossenen Subnetze}}, ohne Umweg erreicht. Andere Container an derselben Brücke werden über die Brücke zugestellt, ganz ohne Router.',
  'q.container-network.fact.captured': 'erfasste Container',
  'q.container-network.fact.addresses': 'Adressen von {name}',
  'q.container-network.fact.gateway': 'Standard-Gateway von {name}',

  // --- F: container-processes -----------------------------------------------------------------
  'q.container-processes.question':
    'Was lauscht in {name, select, none {jedem Container} other {dem Container `{name}`}}, und welche Prozesse laufen dort?',
  'q.container-processes.na': 'es wurden keine Sockets oder Prozesse eines Containers erfasst',
  'q.container-processes.socket':
    '`{addr}`{prog, select, none {} other { ({pid, select, none {} other {PID {pid}, }}{prog})}}',
  'q.container-processes.listens':
    '`{name}` lauscht auf {sockets, list}: Im eigenen Namensraum des Containers heißt `::` oder `0.0.0.0` jede Adresse des Containers, nicht des Hosts.{published, select, none {} other { Der Host veröffentlicht ihn: {published, list}.}}',
  'q.container-processes.dns':
    '{sockets, list} {prog, select, none {sind} other {gehören zu `{prog}`{pid, select, none {} other { (Host-PID {pid})}}, nicht zu einem Prozess des Containers: Sie sind}} der eingebettete DNS-Server von Docker, den dockerd auf Sockets bedient, die er im Namespace des Containers geöffnet hat (nur bei Containern in benutzerdefinierten Netzwerken; deren `/etc/resolv.conf` nennt `nameserver 127.0.0.11`). {rules, select, none {Die NAT-Regeln des Containers, die dorthin führen, wurden nicht erfasst.} other {Die eigene nat-Tabelle des Containers leitet seine Anfragen an `127.0.0.11:53` dorthin weiter ({rules, list}) und schreibt die Antworten auf Port 53 zurück.}}',
  'q.container-processes.no-listener': '`{name}` hat keinen lauschenden Socket.',
  'q.container-processes.proc': '`{command}` (PID {pid})',
  'q.container-processes.pid1':
    '{command, select, none {Es wurde kein PID 1 aufgeführt.} other {PID 1 ist `{command}`: der Befehl, mit dem der Container gestartet wurde. In seinem eigenen PID-Namensraum ist er der erste Prozess, wie init auf einem Host: `docker stop` schickt ihm das Signal, der Container endet, wenn er sich beendet, und er erbt verwaiste Prozesse, die er aufräumen muss.}}{children, select, none {} other { {n, plural, one {Sein Kindprozess ist} other {Seine Kindprozesse sind}} {children, list}.}}{rest, select, none {} other { Außerdem aufgeführt: {rest, list}{exec, select, yes {, aus der `docker exec`-Sitzung, mit der hineingeschaut wurde} other {}}.}}',
  'q.container-processes.host-pids':
    'Auf dem Host haben dieselben Prozesse andere PIDs: PID 1 des Containers ist auf dem Host PID {pid} (`{command}`){parent, select, none {} other {, ein Kindprozess von `{parent}` ({ppid})}}{kids, select, none {} other {, und {kids, list}}}. Ein PID-Namensraum nummeriert sie nur um.',
  'q.container-processes.kid': '`{command}` ist {pid}',

  // --- F: gwbridge ----------------------------------------------------------------------------
  'q.gwbridge.question': 'Wie unterscheidet sich `{gw}` von `{default}`?',
  'q.gwbridge.na': 'in diesem Schritt gibt es keine Gateway-Brücke des Swarms (docker_gwbridge)',
  'q.gwbridge.what':
    '`{name}` ist eine Linux-Brücke wie `{default}`, mit eigenem Subnetz {subnets, list}{addrs, select, none {} other { und der Host-Adresse {addrs}}}. Docker legt sie für den Swarm-Modus an: Container in Overlay-Netzwerken und die Ingress-Sandbox bekommen darauf eine zweite Schnittstelle, um nach draußen und zu veröffentlichten Ports zu gelangen.',
  'q.gwbridge.differences':
    'Die Unterschiede: `{default}` ist das Standardnetzwerk für eigenständige Container (`docker run` ohne `--network`), während niemand Container direkt an `{name}` hängt; das macht Docker für jeden Container in einem Overlay-Netzwerk.',
  'q.gwbridge.icc':
    '{icc, select, false {Ihre Option `enable_icc` ist `false`: Container können über sie nicht miteinander sprechen, sie ist nur ein Weg nach draußen.} none {Ihre Option `enable_icc` ist nicht gesetzt.} other {Ihre Option `enable_icc` ist `{icc}`.}}',
  'q.gwbridge.ports': 'Ports jetzt: {ports, list, unit}.',
  'q.gwbridge.endpoints': 'Endpunkte: {endpoints, list}.',
  'q.gwbridge.endpoint':
    '`{name}`{ipv4, select, none {} other { {ipv4}}}{sandbox, select, yes { (eine Sandbox, kein Container)} other {}}',

  // --- F: ingress-sandbox ---------------------------------------------------------------------
  'q.ingress-sandbox.question': 'Was sind das Overlay-Netzwerk `{name}` und seine Sandbox?',
  'q.ingress-sandbox.na': 'es gibt kein Ingress-Netzwerk (der Swarm-Modus ist aus)',
  'q.ingress-sandbox.what':
    '`{name}` ist ein Overlay-Netzwerk (Treiber {driver}, Geltungsbereich {scope}) mit {subnets, list}{vni, select, none {} other {, zwischen den Knoten als VXLAN-ID {vni} über UDP-Port 4789 transportiert}}. Es ist das Routing-Mesh des Swarms: Ein Port, den ein Dienst veröffentlicht, wird auf jedem Knoten geöffnet, und eine Verbindung dorthin wird über dieses Netzwerk an eine Task dieses Dienstes weitergeleitet, auf welchem Knoten sie auch läuft.',
  'q.ingress-sandbox.sandbox':
    'Sein Endpunkt `{key}` (`{name}`{ipv4, select, none {} other {, {ipv4}}}) ist kein Container: Er ist die Ingress-Sandbox, ein eigener Netzwerk-Namensraum, den Docker unter `/var/run/docker/netns/` hält. Sie nimmt den Verkehr veröffentlichter Dienste vom Host entgegen und verteilt ihn auf die Tasks.',
  'q.ingress-sandbox.legs':
    'Die Erfassung von {ns} zeigt {ifs, list}. Ein Bein steht im Overlay, das andere an der Gateway-Brücke.',
  'q.ingress-sandbox.leg':
    '`{name}` {addrs} (MTU {mtu}){peer, select, none {} other {, dessen Gegenstück `{peer}` in {ns} ist}}',
  'q.ingress-sandbox.dns': 'Darin lauschen {sockets, list} (der eingebaute DNS von Docker).',
  'q.ingress-sandbox.overlay':
    'Das Overlay selbst liegt in {ns} (benannt nach dem Anfang der Netzwerk-ID): {bridge, select, none {seine Schnittstellen} other {die Brücke `{bridge}` mit den Ports {ports, list}}}{vxlan, select, none {} other {; `{vxlan}` ist das VXLAN-Gerät, das Frames für die anderen Knoten in UDP verpackt}}.{mtu, select, none {} other { Seine MTU {mtu} lässt innerhalb eines 1500-Byte-Pakets Platz für die 50 Bytes VXLAN-Header.}}',
  'q.ingress-sandbox.not-captured':
    'Die Sandbox-Namensräume wurden in diesem Schritt nicht erfasst, deshalb steht hier nur die Sicht von Docker.',
  'q.ingress-sandbox.fact.vni': 'VXLAN-ID',
  'q.ingress-sandbox.fact.sandbox': 'Adresse der Sandbox',

  // --- Befunde: Titel, warum es wichtig ist, was zu tun ist, wann er nicht gemeldet wird -----
  'f.published-on-all-addresses.title': 'Port auf allen Adressen veröffentlicht',
  'f.published-on-all-addresses.why':
    'Ein Port, der ohne Host-Adresse veröffentlicht wird (`-p 60000:8080`), ist an 0.0.0.0 und :: gebunden, also an jede Schnittstelle des Hosts. Kommt der Weg des Pakets von außen durch, ist der Port für jedes Netz offen, in dem der Host hängt; wurde die Firewall nicht erfasst, sagt das nur die Bind-Adresse.',
  'f.published-on-all-addresses.fix':
    'Auf der Adresse veröffentlichen, die ihn bedienen soll (`-p 127.0.0.1:60000:8080` oder die LAN-Adresse), oder in der Kette `DOCKER-USER` filtern. `"ip": "127.0.0.1"` in daemon.json ändert die Vorgabe für neue Container.',
  'f.published-on-all-addresses.na':
    'Ports, die auf einer Adresse veröffentlicht sind (`-p 10.0.0.5:80:80`); Ports, deren Weg von außen verworfen wird (siehe „Veröffentlichter Port von außen gefiltert“); und Ports, die durchkommen, obwohl INPUT des Hosts sie verwirft (stattdessen gemeldet als „Veröffentlichter Port umgeht die Firewall des Hosts“).',
  'f.published-port-bypasses-input.title': 'Veröffentlichter Port umgeht die Firewall des Hosts',
  'f.published-port-bypasses-input.why':
    'Die INPUT-Kette des Hosts (ufw, firewalld oder ein schlichtes `INPUT DROP`) würde diesen Port verwerfen, und doch wird der Weg von außen zugestellt: Das DNAT von Docker in nat PREROUTING macht aus dem Paket weitergeleiteten Verkehr, der durch FORWARD und die Ketten von Docker geht und den INPUT-Regeln nie begegnet. Die Firewall sieht geschlossen aus, während der Port offen ist.',
  'f.published-port-bypasses-input.fix':
    'Veröffentlichte Ports in der Kette `DOCKER-USER` filtern. Sie sieht das Paket nach dem DNAT von Docker, also auf Adresse und Port des Containers prüfen (für `-p 60000:8080`: `-I DOCKER-USER -i eth0 -d 172.17.0.2 -p tcp --dport 8080 -j DROP`, wie es die `ufw route`-Regeln von ufw-docker tun) oder auf den veröffentlichten Port mit `-m conntrack --ctorigdstport 60000 --ctdir ORIGINAL`; `--dport 60000` würde dort nie passen. Oder nur auf 127.0.0.1 bzw. einer internen Adresse veröffentlichen.',
  'f.published-port-bypasses-input.na':
    'Veröffentlichte Ports, deren Weg von außen verworfen wird (DOCKER-USER oder eine andere FORWARD-Regel), Hosts, deren INPUT den Port annimmt, und Schritte ohne erfasste Firewall.',
  'f.published-port-filtered.title': 'Veröffentlichter Port von außen gefiltert',
  'f.published-port-filtered.why':
    'Jeder Weg von außen zu diesem veröffentlichten Port wird verworfen oder abgewiesen (meist durch eine Regel in `DOCKER-USER`), ihn erreichen also nur der Host und die Container.',
  'f.published-port-filtered.fix':
    'Nichts zu tun, wenn das so gewollt ist; der Weg zeigt die Regel, die ihn verwirft.',
  'f.published-port-filtered.na':
    'Veröffentlichte Ports, die ein Weg von außen erreicht oder deren Wege unbekannt sind.',
  'f.loopback-published-reachable.title': 'Auf 127.0.0.1 veröffentlichter Port aus dem LAN erreichbar',
  'f.loopback-published-reachable.why':
    'Ein auf 127.0.0.1 veröffentlichter Port ist nur für den Host gedacht. Vor Docker 28 schreibt das DNAT in nat PREROUTING ein Paket für 127.0.0.1 auf die Adresse des Containers um, bevor der Kernel es als Marsianer verwirft; so erreicht jede Maschine im selben LAN, die Pakete für 127.0.0.1 an die MAC-Adresse dieses Hosts schickt (ein `ip route add 127.0.0.1/32 via <host>` genügt), den Container.',
  'f.loopback-published-reachable.fix':
    'Auf Docker 28 oder neuer aktualisieren (seine raw-PREROUTING-Regeln verwerfen solche Pakete) oder selbst `-t raw -I PREROUTING -d 127.0.0.0/8 ! -i lo -j DROP` hinzufügen.',
  'f.loopback-published-reachable.na':
    'Auf 127.0.0.1 veröffentlichte Ports, deren Weg aus dem LAN verworfen wird (Docker 28 und neuer oder eine Regel in der raw-Tabelle); Schritte ohne erfasste Firewall.',
  'f.loopback-published-contained.title': 'Auf 127.0.0.1 veröffentlichter Port aus dem LAN nicht erreichbar',
  'f.loopback-published-contained.why':
    'Selbst ein Nachbar im LAN, der Pakete für 127.0.0.1 an diesen Host schickt, wird vor dem Container gestoppt (Docker 28 verwirft sie in raw PREROUTING; ohne DNAT verwirft der Kernel sie als Marsianer).',
  'f.loopback-published-contained.fix': 'Nichts zu tun; der Weg zeigt, was sie aufhält.',
  'f.loopback-published-contained.na':
    'Auf Loopback veröffentlichte Ports, die ein Weg aus dem LAN erreicht oder deren Wege unbekannt sind.',
  'f.internal-network-reachable.title': 'Internes Netzwerk von außen erreichbar',
  'f.internal-network-reachable.why':
    'Ein mit `--internal` angelegtes Netzwerk soll nur Verkehr zwischen seinen eigenen Containern tragen. Ein Weg aus dem LAN oder vom Container eines anderen Netzwerks erreicht einen seiner Container: Eine Regel des Administrators, ein Container in beiden Netzwerken oder eine abgeschaltete iptables-Verwaltung öffnet es.',
  'f.internal-network-reachable.fix':
    'Den Weg ansehen: die ACCEPT-Regel entfernen, durch die er ging (DOCKER-USER, FORWARD), oder den Container abhängen, der die Netzwerke verbindet.',
  'f.internal-network-reachable.na':
    'Der Host selbst (er erreicht über OUTPUT jede seiner Brücken), Container im internen Netzwerk und interne Netzwerke, deren Wege alle verworfen werden („Internes Netzwerk isoliert“).',
  'f.internal-network-isolated.title': 'Internes Netzwerk isoliert',
  'f.internal-network-isolated.why':
    'Jeder Weg aus dem LAN und von Containern anderer Netzwerke zu diesem internen Netzwerk wird verworfen: Es erreichen nur seine eigenen Container (und der Host).',
  'f.internal-network-isolated.fix':
    'Nichts zu tun; beim Hinzufügen von DOCKER-USER-Regeln so lassen (der Weg zeigt die Regel, die es isoliert).',
  'f.internal-network-isolated.na':
    'Interne Netzwerke, die ein Weg von außen erreicht oder deren Wege unbekannt sind.',
  'f.networks-reach-each-other.title': 'Container verschiedener Netzwerke erreichen einander',
  'f.networks-reach-each-other.why':
    'Docker trennt benutzerdefinierte Netzwerke voneinander (Ketten DOCKER-ISOLATION, bei Docker 28 DOCKER-FORWARD). Ein Container erreicht einen Container eines anderen Netzwerks direkt unter dessen Adresse: Die Isolationsregeln fehlen oder werden umgangen (ein ACCEPT in DOCKER-USER, `--iptables=false`, von Hand angelegte Routen).',
  'f.networks-reach-each-other.fix':
    'Die Regel entfernen, die ihn durchlässt (der Weg nennt sie), oder Container, die miteinander sprechen sollen, bewusst an ein gemeinsames Netzwerk hängen (`docker network connect`).',
  'f.networks-reach-each-other.na':
    'Container in beiden Netzwerken, veröffentlichte Ports, die über den Host erreicht werden, macvlan-/ipvlan-Netzwerke (sie treffen sich im LAN) und Container im Host-Modus (sie sind der Host, der jede seiner Brücken erreicht).',
  'f.networks-isolated.title': 'Docker-Netzwerke voneinander isoliert',
  'f.networks-isolated.why':
    'Jeder Weg von einem Container direkt zur Adresse eines Containers in einem anderen Brücken- oder Overlay-Netzwerk wird verworfen: Die Trennung der Netzwerke durch Docker hält.',
  'f.networks-isolated.fix':
    'Nichts zu tun; Container, die miteinander sprechen sollen, bewusst an ein gemeinsames Netzwerk hängen.',
  'f.networks-isolated.na':
    'Schritte mit weniger als zwei Netzwerken mit Containern oder in denen ein Weg hinüberführt.',
  'f.container-host-network.title': 'Container im Host-Netzwerkmodus',
  'f.container-host-network.why':
    'Ein Container, der mit `--network host` gestartet wurde, teilt den Netzwerk-Stack des Hosts: kein Namensraum, kein NAT, jeder Port, den er öffnet, ist ein Port des Hosts, und mit genug Rechten kann er an jede Adresse des Hosts binden oder allen Verkehr des Hosts mitlesen.',
  'f.container-host-network.fix':
    'Ein Brücken-Netzwerk mit veröffentlichten Ports verwenden, außer die Anwendung braucht wirklich den Stack des Hosts (manche Monitoring- oder Routing-Agenten).',
  'f.container-host-network.na':
    'Container mit eigenem Namensraum, mit dem eines anderen Containers (`--network container:X`) oder ohne Netz (`--network none`).',
  'f.default-bridge-icc.title': 'Kommunikation zwischen Containern auf der Standard-Brücke',
  'f.default-bridge-icc.why':
    'Auf der Standard-Brücke erreicht jeder Container jeden anderen auf jedem Port (`com.docker.network.bridge.enable_icc` ist true). Die Standard-Brücke hat außerdem keine Namensauflösung zwischen den Containern; Container, die miteinander sprechen sollen, gehören besser in eigene Netzwerke.',
  'f.default-bridge-icc.fix':
    'Zusammengehörige Container in benutzerdefinierte Netzwerke legen und `"icc": false` in daemon.json setzen (für die Standard-Brücke), damit fremde Container einander nicht erreichen.',
  'f.default-bridge-icc.na':
    'Benutzerdefinierte Netzwerke (sie sind je Netzwerk isoliert) und eine Standard-Brücke mit `enable_icc` false.',
  'f.subnet-overlaps-route.title': 'Docker-Subnetz überschneidet eine Route des Hosts',
  'f.subnet-overlaps-route.why':
    'Das Subnetz eines Docker-Netzwerks überschneidet ein Netz, das der Host schon über eine andere Schnittstelle erreicht. Die genauere Route gewinnt: Entweder verdeckt das Netz der Container einen Teil des LANs (Hosts dort sind vom Host und seinen Containern aus nicht mehr erreichbar) oder umgekehrt.',
  'f.subnet-overlaps-route.fix':
    'Docker in unbenutzte Bereiche verlegen: `"bip"` für docker0 und `"default-address-pools"` für andere Netzwerke in daemon.json (oder `--subnet` beim Anlegen eines Netzwerks), dann die betroffenen Netzwerke neu anlegen.',
  'f.subnet-overlaps-route.na':
    'Die eigene Route eines Netzwerks über seine Brücke; eine Route eines anderen Docker-Netzwerks; macvlan- und ipvlan-Netzwerke im Subnetz ihrer Eltern-Schnittstelle (so sind sie gedacht: Die Container stehen im LAN); die Standardroute.',
  'f.ip-forward-off.title': 'IPv4-Weiterleitung ist aus',
  'f.ip-forward-off.why':
    'Mit `net.ipv4.ip_forward = 0` routet der Kernel keine Pakete zwischen Schnittstellen: Container in Brücken-Netzwerken erreichen nichts jenseits des Hosts, und veröffentlichte Ports funktionieren von anderen Hosts aus nicht. dockerd schaltet sie beim Start ein, außer es soll nicht (`--ip-forward=false`); etwas hat sie zurückgesetzt.',
  'f.ip-forward-off.fix':
    '`net.ipv4.ip_forward = 1` setzen (eine Datei in /etc/sysctl.d/) und herausfinden, was sie abschaltet (Netzwerkverwaltung, Härtungsskripte, `--ip-forward=false`).',
  'f.ip-forward-off.na':
    'Hosts ohne Docker und Hosts, auf denen die Weiterleitung an ist (Docker schaltet sie beim Start ein, außer mit `--ip-forward=false`).',
  'f.bridge-nf-call-off.title': 'Verkehr über Brücken umgeht iptables',
  'f.bridge-nf-call-off.why':
    'Steht `net.bridge.bridge-nf-call-iptables` auf 0 oder ist br_netfilter gar nicht geladen, laufen Frames, die zwischen zwei Containern an derselben Brücke vermittelt werden, nie durch iptables: Die Isolationsregeln von Docker (icc=false, interne Netzwerke) und NAT zwischen Containern an einer Brücke greifen für sie nicht.',
  'f.bridge-nf-call-off.fix':
    'br_netfilter laden (`modprobe br_netfilter` und in /etc/modules-load.d/ eintragen) und `net.bridge.bridge-nf-call-iptables = 1` setzen (und `-ip6tables`).',
  'f.bridge-nf-call-off.na':
    'Hosts ohne Docker-Brücken und Hosts, auf denen br_netfilter mit bridge-nf-call-iptables = 1 geladen ist.',
  'f.docker-iptables-off.title': 'Die Engine verwaltet iptables nicht',
  'f.docker-iptables-off.why':
    'dockerd läuft mit `--iptables=false`: Es legt kein NAT, keine Regeln für veröffentlichte Ports und keine Trennung zwischen Netzwerken an. Container kommen nur über Regeln nach draußen, die der Administrator schreibt, veröffentlichte Ports funktionieren nur über docker-proxy, und nichts trennt die Netzwerke voneinander.',
  'f.docker-iptables-off.fix':
    '`--iptables=false` (und `"iptables": false` in daemon.json) entfernen, außer ein anderes Werkzeug verwaltet die Firewall absichtlich; dann sicherstellen, dass dieses Werkzeug NAT und Isolation liefert.',
  'f.docker-iptables-off.na':
    'dockerd ohne `--iptables=false` in seiner Befehlszeile (standardmäßig verwaltet es iptables).',
  'f.overlay-mtu-mismatch.title': 'MTU des Overlays passt nicht zur Uplink-Schnittstelle',
  'f.overlay-mtu-mismatch.why':
    'VXLAN fügt jedem Frame 50 Bytes hinzu. Ein Overlay-Netzwerk, das für ein Underlay mit 1500 Bytes bemessen ist (die Vorgabe oder seine Option `com.docker.network.driver.mtu`), schickt Pakete, die größer sind, als die Uplink-Schnittstelle trägt: Sie werden fragmentiert oder, mit gesetztem DF-Bit, stillschweigend verworfen. Kleine Anfragen funktionieren, große Übertragungen hängen.',
  'f.overlay-mtu-mismatch.fix':
    'Die Overlay-Netzwerke mit `--opt com.docker.network.driver.mtu=<MTU des Uplinks - 50>` anlegen (ebenso `docker_gwbridge`/ingress, wenn sie neu angelegt werden) oder die MTU des Underlays erhöhen.',
  'f.overlay-mtu-mismatch.na':
    'Overlays, deren Frames samt 50 Bytes VXLAN in die MTU der Uplink-Schnittstelle passen, und Hosts, deren Uplink-MTU unbekannt ist.',
  'f.bridge-down-with-ports.title': 'Brücke DOWN, obwohl Ports angeschlossen sind',
  'f.bridge-down-with-ports.why':
    'Eine Brücke hat Träger, sobald einer ihrer Ports eingeschaltet ist. Eine Brücke, die DOWN oder NO-CARRIER ist, obwohl Ports angeschlossen sind, heißt: Jeder Port ist aus, oder die Brücke wurde ausgeschaltet; die Container daran sind abgeschnitten.',
  'f.bridge-down-with-ports.fix':
    'Die Ports prüfen (`ip link show master <bridge>`) und die Container dahinter; `ip link set <bridge> up`, wenn sie ausgeschaltet wurde.',
  'f.bridge-down-with-ports.na':
    'Brücken ohne Ports (docker0 ist vor dem ersten Container absichtlich DOWN) und Brücken, die UP sind.',
  'f.veth-peer-not-captured.title': 'Das andere Ende eines veth wurde nicht erfasst',
  'f.veth-peer-not-captured.why':
    'Das Host-Ende eines veth-Paars ist angeschlossen, aber der Namensraum seines Gegenstücks wurde nicht erfasst; der Bericht kann also nicht sagen, zu welchem Container oder welcher Sandbox es führt.',
  'f.veth-peer-not-captured.fix':
    'Den Sammler als root mit verfügbarem nsenter und ohne `--no-containers`/`--no-netns` ausführen, damit jeder Namensraum von Docker erfasst wird.',
  'f.veth-peer-not-captured.na':
    'veth-Enden, deren Gegenstück in einem anderen Namensraum erfasst wurde, und Hosts, die absichtlich ohne Container erfasst wurden.',
  'f.veth-ambiguous.title': 'Ein veth-Paar ließ sich nicht sicher zuordnen',
  'f.veth-ambiguous.why':
    'Ein Schnittstellen-Index ist nur innerhalb eines Netzwerk-Namensraums eindeutig. Dieses veth nennt einen Index des Gegenstücks, den mehrere erfasste Namensräume haben, und keiner zeigt eindeutig zurück; der Bericht rät also nicht, welches sein anderes Ende ist.',
  'f.veth-ambiguous.fix':
    'Mit dem Sammler erfassen (er zeichnet `ip -j link` mit link_netnsid und die Inode jedes Namensraums auf) oder die MAC-Adressen der Schnittstellen und die Ausgabe von `ip -d link` von Hand vergleichen.',
  'f.veth-ambiguous.na':
    'veth-Enden, deren Gegenstück in den erfassten Namensräumen von genau einer Schnittstelle genannt wird.',
  'f.veth-without-master.title': 'veth auf dem Host ohne Brücke',
  'f.veth-without-master.why':
    'Ein veth, dessen Host-Ende an keiner Brücke hängt und keine Adresse trägt, verbindet nichts: meist der Rest eines Containers oder einer Sandbox, die unsauber verschwunden ist, oder eine von Hand angelegte Verbindung.',
  'f.veth-without-master.fix':
    'Herausfinden, was es angelegt hat (`ip -d link show <name>`); mit `ip link del <name>` löschen, wenn es ein Überbleibsel ist.',
  'f.veth-without-master.na':
    'veth-Enden in Containern und Docker-Sandboxen (sie sind die Seite des Containers) und Host-Enden, die Ports einer Brücke sind.',
  'f.swarm-ports-exposed.title': 'Swarm-Port auf allen Adressen offen',
  'f.swarm-ports-exposed.why':
    'Swarm lauscht auf 2377/tcp (Manager: Clusterverwaltung), 7946/tcp+udp (Gossip) und 4789/udp (VXLAN-Daten). An jede Adresse gebunden, sind sie für jedes Netz offen, das die Firewall hereinlässt. 4789 hat keine Authentifizierung: Wer UDP dorthin schicken kann, kann Verkehr in unverschlüsselte Overlay-Netzwerke einschleusen.',
  'f.swarm-ports-exposed.fix':
    'Diese Ports nur von den anderen Swarm-Knoten zulassen, mit Regeln in der INPUT-Kette des Hosts (nicht in `DOCKER-USER`: Die Kette sieht nur weitergeleiteten Verkehr, nie Pakete für die eigenen Sockets des Hosts), 2377 und 7946 mit `--listen-addr` an eine Schnittstelle binden und Overlays mit `--opt encrypted` verschlüsseln. Der VXLAN-Socket des Kernels auf 4789 ist immer an jede Adresse gebunden (`--data-path-addr` wählt nur die Adresse, von der der Knoten sendet), also begrenzt nur die Firewall, wer dorthin senden kann.',
  'f.swarm-ports-exposed.na':
    'Hosts, die keine Swarm-Knoten sind, 2377 und 7946, wenn sie an eine Adresse gebunden sind (`--listen-addr`), Ports, die das LAN nicht erreicht.',
  'f.stale-namespace-file.title': 'Verwaiste Namensraum-Datei',
  'f.stale-namespace-file.why':
    'Eine Datei unter `<exec-root>/netns` von Docker, die kein Netzwerk-Namensraum mehr ist: Der Bind-Mount, der den Namensraum hielt, ist weg (dockerd oder der Host ist abgestürzt, oder die Datei blieb liegen, als ein Container verschwand). Docker entfernt sie normalerweise mit der Sandbox; für den Verkehr ist sie harmlos, verwirrt aber Werkzeuge, die Namensräume auflisten.',
  'f.stale-namespace-file.fix':
    'Prüfen, dass kein Container sie benutzt (`docker inspect -f "\'{{.NetworkSettings.SandboxKey}}\'" $(docker ps -aq)`), dann die Datei entfernen; ein Neustart von dockerd räumt seine Sandboxen ebenfalls auf.',
  'f.stale-namespace-file.na':
    'Namensraum-Dateien, die eingehängte Namensräume sind (Sandboxen laufender Container, ingress_sbox, Overlay- und Lastverteiler-Namensräume).',
  'f.capture-not-root.title': 'Erfassung nicht als root ausgeführt',
  'f.capture-not-root.why':
    'Ohne root kann der Sammler nicht in die Namensräume der Container wechseln und weder die Prozesse anderer Benutzer noch die Besitzer der Sockets sehen: Teile des Modells fehlen, und die Antworten dazu sagen das.',
  'f.capture-not-root.fix': 'Den Sammler noch einmal als root ausführen (`sudo sh dockernet-collect.sh`).',
  'f.capture-not-root.na': 'Bündel, die als root erfasst wurden.',
  'f.capture-incomplete.title': 'Einige Ausgaben konnten nicht gelesen werden',
  'f.capture-incomplete.why':
    'Ein Befehl schlug fehl, gab statt seiner Ausgabe einen Fehler aus oder wurde nicht ausgeführt. Was er gezeigt hätte, fehlt im Modell; ein fehlendes Werkzeug (`brctl`, `netstat`) wird oft durch eine andere Erfassung ersetzt.',
  'f.capture-incomplete.fix':
    'Den Befehl im Anhang ansehen; das fehlende Werkzeug installieren oder das Rechteproblem beheben und noch einmal erfassen.',
  'f.capture-incomplete.na':
    'Bündel, in denen jeder Befehl, den der Sammler ausführen wollte, eine Ausgabe hat oder sagt, warum er übersprungen wurde.',
  'f.analysis-error.title': 'Eine Auswertung schlug fehl',
  'f.analysis-error.why':
    'Eine Befundfamilie hat bei diesem Schritt einen Fehler ausgelöst. Der Rest des Berichts ist davon nicht betroffen; es ist ein Fehler in dockernet.',
  'f.analysis-error.fix': 'Ihn mit dem Bündel (oder dem Fehlertext) melden, damit er behoben werden kann.',
  'f.analysis-error.na':
    'Jede Auswertung, die fertig wurde (dieser Eintrag hält nur eine fehlgeschlagene fest).',

  // --- Befunde: dieser Fall (die Detailzeile), aus den Daten ----------------------------------
  'fd.swarm.manage': 'Clusterverwaltung des Swarms (Manager)',
  'fd.swarm.gossip': 'Swarm-Gossip',
  'fd.swarm.vxlan': 'VXLAN-Daten der Overlays',
  'fd.swarm-ports-exposed.vxlan':
    '{port}/{transport} ({what}) ist der VXLAN-Socket des Kernels auf {addrs, list} (kein Prozess besitzt ihn): Der Kernel bindet ihn an jede Adresse des Hosts, gleich was Docker gesagt wurde, also begrenzen nur die INPUT-Regeln des Hosts, wer dorthin senden kann.',
  'fd.swarm-ports-exposed':
    '{port}/{transport} ({what}) ist an {addrs, list} gebunden, also an jede Adresse des Hosts.',
  // --- audit2 (Sitzung 5): Swarm-Ports aus dem LAN, Sockets ohne Prozess, die Firewall-Fakten
  // der Engine (Frage docker-firewall). Ein Block, nur neue Schlüssel.
  'fd.swarm.lan':
    'Aus dem LAN ({src} über {uplink}) an {dst}:{port}: {reason}{rule, select, none {} other { (`{rule}`, {at})}}.',
  'fd.swarm.lan-src':
    'Von {src}, einer Quelle, die die Regeln des Hosts nennen: {reason}{rule, select, none {} other { (`{rule}`, {at})}}.',
  'fd.swarm.lan-none':
    'Kein Paket aus dem LAN ließ sich dorthin verfolgen (keine Uplink-Schnittstelle mit Adresse in der Erfassung): Ob die Firewall eines hereinlässt, ist unbekannt.',
  'tr.w.no-owner':
    '{vxlan, select, yes {den VXLAN-Socket des Kernels (kein Prozess besitzt ihn: Overlay-Verkehr zwischen Swarm-Knoten)} other {einen Socket, den kein Prozess besitzt (ein Socket des Kernels oder einer, dessen Prozess die Erfassung nicht sehen konnte)}}',
  'q.docker-firewall.question':
    'Wie steuert {version, select, none {Docker} other {Docker {version}}} die Firewall (Backend, Userland-Proxy, ip6tables)?',
  'q.docker-firewall.na': 'weder Backend in docker info noch daemon.json noch Docker-Regeln erfasst',
  'q.docker-firewall.backend':
    '{how, select, daemon-json {daemon.json setzt das Firewall-Backend auf `{value}`} docker-info {`docker info` meldet das Firewall-Backend `{value}`} other {Docker {version} schreibt seine Regeln mit iptables, seinem einzigen Backend (die Option `firewall-backend` gibt es ab Docker 28)}}{variant, select, nft {. Die Regeln von Docker werden von iptables-nft geschrieben: Der Kopf von `iptables-save` sagt `(nf_tables)`, also liegen sie in nftables-Tabellen (`table ip filter`, `table ip nat`) neben allen anderen nftables-Regeln des Hosts} legacy {. Die Regeln von Docker werden von iptables-legacy geschrieben (der Kopf sagt `(legacy)`): Tabellen getrennt von nftables, die `nft list ruleset` nicht zeigt} other {}}{value, select, nftables {. Mit dem nftables-Backend schreibt Docker eigene Tabellen (`table ip docker-bridges`): `iptables-save` zeigt keine seiner Regeln, und es gibt keine Kette `DOCKER-USER`} other {}}.',
  'q.docker-firewall.proxy':
    '{value, select, true {Der Userland-Proxy ist an} other {Der Userland-Proxy ist aus}} ({how, select, dockerd-args {Befehlszeile von dockerd} daemon-json {daemon.json `userland-proxy`} other {nicht gesetzt: standardmäßig an}}){n, plural, =0 {; kein `docker-proxy`-Prozess läuft} one {; # `docker-proxy`-Prozess läuft} other {; # `docker-proxy`-Prozesse laufen}}. {value, select, true {Ein veröffentlichter Port hat zusätzlich einen Listener auf dem Host für das, was die DNAT-Regeln nicht fangen (der Host selbst, IPv6 ohne ip6tables-DNAT).} other {Veröffentlichte Ports sind nur DNAT-Regeln (Hairpin-NAT für den Host selbst).}}',
  'q.docker-firewall.ip6':
    '{value, select, true {Docker schreibt IPv6-Regeln: ip6tables ist an} other {Docker schreibt keine IPv6-Regeln: ip6tables ist aus}} ({how, select, dockerd-args {Befehlszeile von dockerd} daemon-json {daemon.json `ip6tables`} other {nicht gesetzt: die Vorgabe von Docker {version}; standardmäßig an seit 27.0}}){chains, select, yes {; `ip6tables-save` enthält seine Ketten (`DOCKER`...)} no {; `ip6tables-save` enthält keine seiner Ketten} other {}}.{value, select, true {} other { Docker filtert und übersetzt IPv6 zu seinen Containern nicht.}}',
  'q.docker-firewall.on-off': '{value, select, true {an} other {aus}}',
  'q.fact.fw-backend': 'Firewall-Backend',
  'q.fact.userland-proxy': 'Userland-Proxy',
  'q.fact.ip6tables': 'ip6tables',
  'fd.default-bridge-icc':
    'Das Standard-Brücken-Netzwerk {name}{bridge, select, none {} other { ({bridge})}} hat enable_icc {icc, select, none {nicht gesetzt (Vorgabe true)} other {{icc}}}{endpoints, plural, =0 {} one {} other {; seine # Endpunkte erreichen einander auf jedem Port}}.',
  'fd.subnet-overlaps-route':
    'Das Docker-Netzwerk {name} ({subnet}{bridge, select, none {} other { auf {bridge}}}) überschneidet die Route {route} des Hosts.',
  'fd.overlay-mtu-mismatch':
    'Das Overlay {name} trägt Frames von {inner} Bytes{source, select, observed { (die MTU seiner Schnittstellen)} option { (MTU-Option {opt} - 50)} other { (Vorgabe 1500 - 50)}}, mit VXLAN {outer} Bytes, aber die Uplink-Schnittstelle {uplink} hat MTU {mtu}.',
  'fd.container-host-network': 'Container {name} läuft mit --network host.',
  'fd.ip-forward-off':
    'net.ipv4.ip_forward ist 0, obwohl Docker installiert ist{n, plural, =0 {} one { und # Container seine Netzwerke nutzt} other { und # Container seine Netzwerke nutzen}}.',
  'fd.bridge-nf-call-missing':
    'net.bridge.bridge-nf-call-iptables gibt es nicht (br_netfilter ist nicht geladen), deshalb wird der Verkehr innerhalb von {bridges, list, unit} nicht gefiltert.',
  'fd.bridge-nf-call-off':
    'net.bridge.bridge-nf-call-iptables ist {value}: Der Verkehr innerhalb von {bridges, list, unit} wird nicht gefiltert.',
  'fd.docker-iptables-off': 'dockerd (PID {pid}) läuft mit --iptables=false.',
  'fd.bridge-down-with-ports':
    '{name} ist {state}{admin, select, off {, ausgeschaltet} other {}} mit {n, plural, one {# Port} other {# Ports}}: {ports, list, unit}.',
  'fd.veth-ambiguous':
    '{name} nennt das Gegenstück if{peer}, das jede dieser Schnittstellen sein könnte: {candidates, list, unit}.',
  'fd.unknown-interface': 'eine unbekannte Schnittstelle',
  'fd.veth-peer-not-captured':
    '{name} ist ein Port von {master}; sein Gegenstück {peer} liegt in einem Namensraum, der nicht erfasst wurde.',
  'fd.veth-without-master': '{name} (Gegenstück {peer}) hängt an keiner Brücke und hat keine Adresse.',
  'fd.stale-namespace-file':
    '{path} ist kein Netzwerk-Namensraum ({reason}){container, select, none {} other {; es war die Sandbox des Containers {container}}}.',
  'fd.capture-not-root':
    'Der Sammler lief als UID {uid}: Namensräume der Container, die Prozesse hinter den Sockets und manche sysfs-Dateien können fehlen.',
  'fd.capture-incomplete':
    '{command, select, none {} other {`{command}`: }}{status}{reason, select, none {} other {: {reason}}}{docker, select, missing { (Docker ist nicht installiert)} other {}}.',
  'fd.family-failed': 'Befundfamilie {id} schlug fehl: {error}',
  'fd.reach-failed': 'die Erreichbarkeitsmatrix schlug fehl: {error}',
  'fd.to': '{container, select, none {} other {Container {container} }}{target}',
  'fd.lan-of': 'dem LAN an {uplink}',
  'fd.sources':
    '{more, plural, =0 {{ids, list, unit}} one {{ids, list, unit} und # weiterer} other {{ids, list, unit} und # weiteren}}',
  'fd.no-uplink': 'der Host in der Erfassung keine Uplink-Schnittstelle hat',
  'fd.loopback-published-reachable':
    '{port} ist nur auf Loopback veröffentlicht, und doch kommt ein Nachbar aus {from}, der ein Paket für {addr} an diesen Host schickt (eine Route nach {ip} über diesen Host, ein Befehl auf jeder Maschine dieses LANs), durch: {reason}.',
  'fd.loopback-published-contained':
    '{port} (nach {to}) ist aus {from} nicht erreichbar, selbst für einen Nachbarn, der Pakete für {ip} an diesen Host schickt: {reason}.',
  'fd.published-port-bypasses-input':
    'Port {port} (nach {to}) ist aus {from} unter {where} erreichbar, obwohl INPUT des Hosts ihn verwerfen würde ({verdict}: {reason}): Das DNAT von Docker schickt ihn durch FORWARD, wo die INPUT-Regeln nicht gelten.',
  'fd.published-on-all-addresses':
    'Host-Port {port} auf {addrs, list} wird an {to} weitergeleitet, und der Weg aus {from} kommt unter {where} durch.',
  'fd.published-port-filtered':
    'Port {port} (nach {to}) ist von außen nicht erreichbar: {reason}{others, plural, =0 {} one { (und # weitere Adresse ebenso)} other { (und # weitere Adressen ebenso)}}.',
  'fd.published-on-all-addresses-unknown':
    'Host-Port {port} auf {addrs, list} wird an {to} weitergeleitet. Ob die Firewall ihn durchlässt, ist nicht bekannt{why, select, none {} other {, weil {why}}}.',
  'fd.internal-network-reachable':
    'Das interne Netzwerk {name} ist erreichbar von {sources}: {example}, {reason}.',
  'fd.internal-network-isolated':
    'Kein Weg von außen oder von Containern anderer Netzwerke erreicht das interne Netzwerk {name} ({n, plural, one {# Zelle} other {# Zellen}}, z. B. {example}: {reason}).',
  'fd.networks-reach-each-other':
    'Container von {from} erreichen Container von {to}: {n, plural, one {# Zelle} other {# Zellen}}, z. B. {example}, {reason}.',
  'fd.networks-isolated':
    'Kein Container erreicht direkt einen Container eines anderen Netzwerks ({n, plural, one {# Zelle} other {# Zellen}} über {nets, plural, one {# Netzwerk} other {# Netzwerke}}, z. B. {example}: {reason}).',

  // --- Schrittnamen aus dem Inhalt (src/analyses/label.ts) ------------------------------------
  'label.suggest.no-docker': 'Host ohne Docker',
  'label.suggest.swarm':
    'Swarm-{role, select, manager {Manager} worker {Worker} other {Knoten}}, {n, plural, =0 {keine Container} one {# Container} other {# Container}}',
  'label.suggest.engine':
    '{n, plural, =0 {Docker-Engine, keine Container} one {# Container} other {# Container}}',

  // --- Änderungszeilen (src/analyses/diff.ts) -------------------------------------------------
  'diff.appeared': '{what} ist hinzugekommen',
  'diff.gone': '{what} ist verschwunden',
  'diff.failed': 'Vergleich nicht möglich: {error}',
  'diff.label.interface': '{name} ({kind}) in {ns}',
  'diff.label.address': '{cidr} auf {name} in {ns}',
  'diff.label.bridge': 'Brücke {name} in {ns}',
  'diff.label.bridge-port': 'Port {port} der Brücke {bridge}',
  'diff.label.route': 'Route {route} (Tabelle {table}) in {ns}',
  'diff.label.socket': 'lauschender Socket {socket} in {ns}',
  'diff.label.process': '{name} in {ns}: {command}',
  'diff.label.network': 'Docker-Netzwerk {name} ({driver}, {scope})',
  'diff.label.container': 'Container {name}',
  'diff.label.veth': 'veth-Paar {a} ({ans}) <-> {b} ({bns})',
  'diff.label.published-port': 'veröffentlichter Port {port}',

  // --- Wörter der Abbildung (src/render/mermaid/) ---------------------------------------------
  'fig.host': 'Host {name}',
  'fig.host-port': 'Host {port}',
  'fig.on': 'auf {addrs}',
  'fig.gateway': 'Gateway {via}',
  'fig.subnet': 'Subnetz {subnet}',
  'fig.network-of': 'Netz von {name}',
  'fig.routed': 'geroutet',
  'fig.default-route': 'Standardroute',
  'fig.default-route-via': 'Standardroute über {name}',
  'fig.interface-not-captured': 'Schnittstelle nicht erfasst',
  'fig.interfaces-not-captured': 'Schnittstellen nicht erfasst',
  'fig.container-not-captured': 'Container nicht erfasst',
  'fig.peer-not-captured': 'Gegenstück nicht erfasst',
  'fig.not-captured': 'nicht erfasst',
  'fig.no-network-captured': 'kein Netz erfasst',
  'fig.not-in-ip-addr': 'nicht in ip addr',
  'fig.not-seen-listening': 'kein lauschender Socket gesehen',
  'fig.listening-on-host': 'lauscht auf dem Host',
  'fig.more': '+{n} weitere',
  'fig.more-listening': '+{n} weitere lauschende',
  'fig.routing-mesh': 'Swarm-Routing-Mesh',
  'fig.swarm-scope': 'Geltungsbereich Swarm',
  'fig.no-ports': 'keine Ports',
  'fig.loopback-only': 'nur Loopback',
  'fig.host-mode': 'Host-Netzwerkmodus',
  'fig.uses-host-interfaces': 'nutzt die Schnittstellen des Hosts',
  'fig.network-none': 'Netzwerk none',
  'fig.network-mode': 'Netzwerkmodus',
  'fig.shares': 'teilt {mode}',
  'fig.overlay-namespace': 'Overlay {name}: Namensraum {ns}',
  'fig.sandbox': 'Docker-Sandbox {name}',
  'fig.container': 'Container {name}{service, select, none {} other { (Dienst {service})}}',
  'fig.compose-project': 'Compose-Projekt {name}',
  'fig.service': 'Dienst {name}',
  'fig.docker-network': 'Docker-Netzwerk {name}',
  'fig.docker-network-driver': 'Docker-Netzwerk {name} ({driver})',
  'fig.bridge': 'Brücke {name}',
  'fig.state': 'Zustand {state}',
  'fig.state-not-captured': 'Zustand nicht erfasst',
  'fig.down-no-carrier': 'DOWN (kein Träger)',
  'fig.down-admin': 'DOWN (ausgeschaltet)',
  'fig.published-inspect': 'veröffentlicht (docker inspect)',
  'fig.containers': '{n, plural, one {# Container} other {# Container}}',
  'fig.containers-on': '{n, plural, one {# Container} other {# Container}} an {where}',
  'fig.ports': '{n, plural, one {# Port} other {# Ports}}',
  'fig.published-ports': '{n, plural, one {# veröffentlichter Port} other {# veröffentlichte Ports}}',
  'fig.more-published-ports': '+{n} weitere veröffentlichte Ports',
  'fig.summarised':
    '{networks, plural, one {# Docker-Netzwerk} other {# Docker-Netzwerke}}, {containers, plural, one {# Container} other {# Container}} (zusammengefasst)',
  'fig.more-networks': '+{n, plural, one {# weiteres Netzwerk} other {# weitere Netzwerke}}',
  'fig.with-containers': 'mit {n, plural, one {# Container} other {# Containern}}',
  'fig.more-services': '+{n, plural, one {# weiterer Dienst} other {# weitere Dienste}}',
  'fig.more-projects': '+{n, plural, one {# weiteres Compose-Projekt} other {# weitere Compose-Projekte}}',
  'fig.too-large': 'zu groß zum Zeichnen',
  'fig.too-large-counts': '{namespaces} Namensräume, {containers} Container',
  'fig.too-large-docker': '{networks} Docker-Netzwerke, {ports} veröffentlichte Ports',
  'fig.see-tables': 'siehe die Tabellen des Berichts',
  'fig.legend': 'Legende',
  'fig.legend.up': 'grüner Rand: UP',
  'fig.legend.down': 'roter gestrichelter Rand: DOWN',
  'fig.legend.unknown': 'grauer gepunkteter Rand: Zustand unbekannt',
  'fig.legend.container': 'blau: Container',
  'fig.legend.sandbox': 'lila: Docker-Sandbox',
  'fig.legend.compose': 'türkiser gestrichelter Kasten: Compose-Projekt',
  'fig.legend.veth': 'dicke Linie: veth-Paar',
  'fig.legend.link': 'Linie: Brücken-Port, Verbindung',
  'fig.legend.routed': 'gepunktete Linie: vom Host geroutet',
  'fig.legend.veth-missing': 'oder ein nicht erfasstes veth',
  'fig.legend.published': 'Pfeil: veröffentlichter Port',
  'fig.cl.not-captured': 'nicht erfasst (gesehen in {seen})',
  'fig.cl.engine': 'Engine {version}',
  'fig.cl.one-side': '(eine Seite)',
  'fig.cl.no-underlay': 'Underlay nicht erfasst',
  'fig.cl.overlay': 'Overlay {name}',
  'fig.cl.containers': '{n, plural, one {# Container} other {# Container}}',
  'fig.cl.no-container': 'kein Container',
  'fig.cl.ns-not-captured': 'Namensraum nicht erfasst',
  'fig.cl.more-overlays': '{n, plural, one {# weiteres Overlay} other {# weitere Overlays}}',
  'fig.cl.more': '{n} weitere',
  'fig.cl.legend-box': 'Kasten: ein Swarm-Knoten',
  'fig.cl.legend-round': 'rund: ein Overlay darauf',
  'fig.cl.legend-thick': 'dicke Linie: VXLAN-Tunnel,',
  'fig.cl.legend-thick2': 'fdb-Einträge an beiden Enden',
  'fig.cl.legend-dotted': 'gepunktet: von einem Ende',
  'fig.cl.legend-dotted2': 'gesehen oder nur in Peers',
  'fig.cl.counts':
    '{overlays, plural, one {# Overlay} other {# Overlays}}, {containers, plural, one {# Container} other {# Container}}',
  'fig.cl.agg-nodes': '{nodes} Knoten, {pairs} Knotenpaare mit VXLAN-Tunneln',
  'fig.cl.agg-both': '{n} Paare mit fdb-Einträgen an beiden Enden: nicht gezeichnet',
  'fig.cl.agg-dotted':
    'gepunktet: {n, plural, one {# Paar} other {# Paare}}, von einem Ende oder nur in Peers gesehen{more, plural, =0 {} one { (# weiterer nicht gezeichnet)} other { (# weitere nicht gezeichnet)}}',
  'fig.cl.agg-table': 'jeder Tunnel steht in der Tabelle der VXLAN-Tunnel',
};
