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
  'report.md-footer':
    'dockernet-Bericht. Die Rohausgaben hinter jedem Beleg (`Datei:Zeile`) stehen in den Bündeln und im HTML-Bericht.',
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
  'step.masked':
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
    'Das erste Paket einer TCP- oder UDP-Verbindung von jeder Quelle (Spalten) zu jedem lauschenden Socket oder veröffentlichten Port (Zeilen), offline durch die Routen, Brücken und die Firewall dieser Erfassung verfolgt. Ein Klick auf eine Zelle zeigt ihren Weg.',
  'reach.intro-md':
    'Erstes Paket einer Verbindung von jeder Quelle (Spalte) zu jedem lauschenden Socket oder veröffentlichten Port (Zeile), verfolgt durch Routen, Brücken und die Firewall der Erfassung.',
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
  'reach.omitted':
    'Diese Seite zeigt {shown} der {total} Wege (die auffälligen zuerst); die übrigen {omitted} stehen in report.json (analysis.reach.paths), und der Titel jeder Zelle nennt ihren Grund.',

  // --- Anhang ---------------------------------------------------------------------------------
  'appendix.title': 'Anhang: jede Datei jedes Bündels',
  'appendix.intro':
    'Jede Datei so, wie sie erfasst wurde, mit dem Befehl, der sie schrieb, und wie sie gelesen wurde. Die Zeilennummern sind die, die oben als Belege zitiert werden.',
  'appendix.cited':
    'Gezeigt werden nur die Zeilen, die Befunde und Antworten zitieren, mit zwei Zeilen Umgebung; der HTML-Bericht enthält jede Zeile.',
  'appendix.none': 'Die Dateien sind ohne ihren Text aufgeführt; der HTML-Bericht enthält jede Zeile.',
  'appendix.parser': 'Parser {parser}',
  'appendix.in-scope': 'in {scope}',
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
  'questions.the-list': 'Die Liste',
  'questions.answer-size':
    '{lines, plural, one {# Zeile} other {# Zeilen}}, {evidence, plural, one {# Beleg} other {# Belege}}',

  // --- Rahmen der Befunde ---------------------------------------------------------------------
  'finding.why': 'Warum es wichtig ist:',
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
};
