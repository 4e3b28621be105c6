/**
 * Languages (issue 15): the formatter, the catalogs (every id in every language, with the same
 * placeholders and the plural categories the language needs), the default language from the
 * environment, and the German report of the slide samples: golden files in both languages and no
 * English catalog text left in the German one (command output and names aside).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/bundle/limits.js';
import { readBundle } from '../src/bundle/read.js';
import { formatMessage, MessageSyntaxError, messageShape, parseMessage } from '../src/i18n/format.js';
import { catalogs, LANGS, type Lang, langFromEnv, langOfLocale, translator } from '../src/i18n/index.js';
import { buildStepModel } from '../src/model/build-step.js';
import { parseBundle } from '../src/parsers/parse-bundle.js';
import { buildClusterReport, buildReport } from '../src/pipeline.js';
import { formatMatrix, formatPath } from '../src/reach/format.js';
import { reachMatrix } from '../src/reach/matrix.js';
import { tracePacket } from '../src/reach/trace.js';
import { renderHtml } from '../src/render/html.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { clusterDiagram } from '../src/render/mermaid/cluster.js';
import { stepDiagram } from '../src/render/mermaid/index.js';
import type { Report } from '../src/report/types.js';
import { hostileCases } from './support/hostile.js';

const root = join(import.meta.dirname, '..');
const update = process.env.DOCKERNET_UPDATE_GOLDEN === '1';

/** The CLI from the sources, with the locale variables of this machine removed. */
function cli(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE'].includes(k)),
  );
  return spawnSync(process.execPath, [join(root, 'bin/dockernet.js'), ...args], {
    encoding: 'utf8',
    env: { ...clean, DOCKERNET_FROM_SOURCE: '1', ...env },
  });
}

describe('message formatter', () => {
  it('fills arguments as given: a port stays 60000 in German', () => {
    expect(formatMessage('de', 'Port {port} auf {name}', { port: 60000, name: 'docker0' })).toBe(
      'Port 60000 auf docker0',
    );
  });

  it('plurals follow Intl.PluralRules, with exact matches first and # as the number', () => {
    const m = '{n, plural, =0 {keine Ports} one {# Port} other {# Ports}}';
    expect([0, 1, 2, 1500].map((n) => formatMessage('de', m, { n }))).toEqual([
      'keine Ports',
      '1 Port',
      '2 Ports',
      '1500 Ports',
    ]);
    expect(formatMessage('en', '{n, plural, one {# port} other {# ports}}', { n: 1500 })).toBe('1500 ports');
    expect(formatMessage('en', '{n, number} addresses', { n: 65534 })).toBe('65,534 addresses');
  });

  it('lists and numbers through Intl.ListFormat and Intl.NumberFormat', () => {
    const items = ['eth0', 'docker0', 'lo'];
    expect(formatMessage('en', '{x, list}', { x: items })).toBe('eth0, docker0, and lo');
    expect(formatMessage('de', '{x, list}', { x: items })).toBe('eth0, docker0 und lo');
    expect(formatMessage('de', '{x, list, or}', { x: items })).toBe('eth0, docker0 oder lo');
    expect(formatMessage('de', '{n, number}', { n: 1234.5 })).toBe('1.234,5');
  });

  it('select picks a branch, `none` for an empty value, `other` otherwise', () => {
    const m = '{s, select, none {alone} other {shared with {s, list}}}';
    expect(formatMessage('en', m, { s: [] })).toBe('alone');
    expect(formatMessage('en', m, { s: ['a', 'b'] })).toBe('shared with a and b');
  });

  it('apostrophes: literal alone, quoting before braces, doubled for one', () => {
    expect(formatMessage('en', "the host's {x}", { x: 'eth0' })).toBe("the host's eth0");
    expect(formatMessage('en', "'{literal}' and it''s {x}", { x: 1 })).toBe("{literal} and it's 1");
  });

  it('parameters are data, never syntax: braces, #, quotes and markup in a name stay as they are', () => {
    const name = "x{n, plural, other {#}}'{y}'<b>`";
    expect(
      formatMessage('de', 'Container {name}: {n, plural, one {# Port} other {# Ports}}', { name, n: 2 }),
    ).toBe(`Container ${name}: 2 Ports`);
    expect(translator('de')('fig.container', { name, service: '' })).toBe(`Container ${name}`);
  });

  it('rejects broken syntax instead of printing it', () => {
    expect(() => parseMessage('{n, plural, one {x}}')).toThrow(MessageSyntaxError);
    expect(() => parseMessage('{n')).toThrow(MessageSyntaxError);
    expect(() => parseMessage('a } b')).toThrow(MessageSyntaxError);
    expect(() => parseMessage('{n, date}')).toThrow(MessageSyntaxError);
  });
});

describe('catalogs', () => {
  const ids = Object.keys(catalogs.en);

  it('every language has every message id, and no id the English catalog lacks', () => {
    for (const lang of LANGS) {
      const have = Object.keys(catalogs[lang]);
      expect(
        ids.filter((id) => !have.includes(id)),
        `${lang} lacks`,
      ).toEqual([]);
      expect(
        have.filter((id) => !ids.includes(id)),
        `${lang} has extra`,
      ).toEqual([]);
    }
  });

  it('every message parses, with the same placeholders (and types) in every language', () => {
    const problems: string[] = [];
    for (const id of ids) {
      const en = messageShape(catalogs.en[id as keyof typeof catalogs.en]);
      for (const lang of LANGS) {
        const shape = messageShape(catalogs[lang][id as keyof typeof catalogs.en]);
        if (
          JSON.stringify(Object.entries(shape.args).sort()) !== JSON.stringify(Object.entries(en.args).sort())
        )
          problems.push(`${lang} ${id}: ${JSON.stringify(shape.args)} vs en ${JSON.stringify(en.args)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("each plural has exactly the categories of its language's plural rules (plus exact =N matches)", () => {
    const problems: string[] = [];
    for (const lang of LANGS) {
      const want = [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
      for (const [id, text] of Object.entries(catalogs[lang])) {
        for (const [arg, keys] of Object.entries(messageShape(text).plurals)) {
          const got = keys.filter((k) => !k.startsWith('=')).sort();
          if (JSON.stringify(got) !== JSON.stringify(want))
            problems.push(`${lang} ${id} {${arg}}: ${got.join(' ')} (want ${want.join(' ')})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('German is written with real umlauts, not ae/oe/ue/ss stand-ins', () => {
    const text = Object.values(catalogs.de).join('\n');
    expect(text).toMatch(/[äöüß]/);
    expect(text).not.toMatch(
      /\b(Bruecke|Schnittstellen?uebersicht|fuer|ueber|moeglich|groess|Groesse|Schluessel|veroeffentlicht)/i,
    );
  });
});

describe('the language from the environment', () => {
  it('LC_ALL, then LC_MESSAGES, then LANG; the first set one decides', () => {
    expect(langFromEnv({})).toBe('en');
    expect(langFromEnv({ LANG: 'de_DE.UTF-8' })).toBe('de');
    expect(langFromEnv({ LANG: 'de_DE.UTF-8', LC_MESSAGES: 'en_US.UTF-8' })).toBe('en');
    expect(langFromEnv({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'de_AT.UTF-8' })).toBe('de');
    expect(langFromEnv({ LANG: 'de_DE.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(langFromEnv({ LANG: 'de_CH.UTF-8', LC_ALL: '' })).toBe('de');
    expect(langFromEnv({ LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(langOfLocale('de')).toBe('de');
    expect(langOfLocale('deu')).toBeUndefined();
    expect(langOfLocale('POSIX')).toBeUndefined();
  });

  it('dockernet report speaks the locale of LANG unless --lang says otherwise', () => {
    const step = join(root, 'samples/slides-step2');
    const run = (env: Record<string, string>, extra: string[] = []) => {
      const out = mkdtempSync(join(tmpdir(), 'dockernet-i18n-'));
      const r = cli(['report', step, '-o', out, '-f', 'json,md', '--no-browser', ...extra], env);
      expect(r.status, r.stderr).toBe(0);
      const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
      return { r, json, md: readFileSync(join(out, 'report.md'), 'utf8') };
    };
    const de = run({ LANG: 'de_DE.UTF-8' });
    expect(de.json.lang).toBe('de');
    expect(de.r.stderr).toContain('dockernet: 1 Schritt, ');
    expect(de.r.stderr).toMatch(/geschrieben: .*report\.md/);
    expect(de.md).toContain('#### Schnittstellen');
    const en = run({});
    expect(en.json.lang).toBe('en');
    expect(en.r.stderr).toContain('dockernet: 1 step, ');
    expect(en.md).toContain('#### Interfaces');
    const forced = run({ LC_ALL: 'de_DE.UTF-8' }, ['--lang', 'en']);
    expect(forced.json.lang).toBe('en');
    const c = run({ LANG: 'de_DE.UTF-8', LC_ALL: 'C.UTF-8' });
    expect(c.json.lang).toBe('en');
    // Ids stay the same in both languages; only the text changes.
    const ids = (r: Report) =>
      r.steps.flatMap((s) => (s.analysis?.answers ?? []).map((a) => `${a.id}:${a.status}`));
    expect(ids(de.json)).toEqual(ids(en.json));
    expect(ids(de.json).length).toBeGreaterThan(0);
  });

  it('a usage error is reported in the language of the locale', () => {
    const r = cli(['report', join(root, 'samples/slides-step1'), '-o', tmpdir(), '-f', 'docx'], {
      LANG: 'de_DE.UTF-8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unbekanntes Format „docx“');
  });
});

/** Visible text of a page: markup, code, scripts and what is marked English on purpose left out. */
function pageText(html: string): string {
  return html
    .replace(/<section id="appendix"[\s\S]*<\/section>/, '')
    .replace(/<(li|span)[^>]* lang="en"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<(pre|code|style|script)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

describe('the cluster report and the fleet index in German', () => {
  const at = '2000-01-01T00:00:00.000Z';

  it('report --cluster of samples/cluster-mixed: section, findings, tables and figure in German', async () => {
    const inputs = [join(root, 'samples', 'cluster-mixed')];
    const de = await buildClusterReport(inputs, { generatedAt: at, lang: 'de' });
    const en = await buildClusterReport(inputs, { generatedAt: at, lang: 'en' });
    expect(de.cluster!.findings.length).toBeGreaterThan(0);
    expect(de.cluster!.findings.map((f) => f.kind)).toEqual(en.cluster!.findings.map((f) => f.kind));
    expect(de.title).toMatch(/^Swarm-Cluster: /);
    const english = englishProse();
    const html = renderHtml(de);
    const md = renderMarkdown(de);
    const section = (text: string) => text.slice(text.indexOf('Der Cluster'));
    expect(html).toContain('<h2>Der Cluster</h2>');
    expect(leaksIn(pageText(html), english), 'report.html').toEqual([]);
    expect(leaksIn(section(md).replace(/```mermaid[\s\S]*?```/g, ''), english), 'report.md').toEqual([]);
    // The English report has that prose, so the check can fail.
    expect(leaksIn(pageText(renderHtml(en)), english).length).toBeGreaterThan(10);
    // Every cluster finding's detail is German (the packet paths they quote too).
    for (const f of de.cluster!.findings) expect(leaksIn(f.detail, english), f.kind).toEqual([]);
    const figure = clusterDiagram(de.cluster!.model, 'de').source;
    expect(figure).toContain('Kasten: ein Swarm-Knoten');
    expect(leaksIn(figure, english)).toEqual([]);
  });

  it("dockernet fleet --lang de: index.html, index.md and the hosts' reports in German", () => {
    const out = mkdtempSync(join(tmpdir(), 'dockernet-i18n-fleet-'));
    const r = cli(
      [
        'fleet',
        join(root, 'samples/slides-step1'),
        join(root, 'samples/slides-step3'),
        '-o',
        out,
        '-f',
        'html,json,md',
        '--no-browser',
      ],
      { LANG: 'de_DE.UTF-8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/dockernet: 2 Hosts, 0 gescheitert; \d+ Dateien in /);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as {
      lang: string;
      hosts: { files: { json: string } }[];
    };
    expect(index.lang).toBe('de');
    const english = englishProse();
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<h1>Flotte: 2 Hosts</h1>');
    expect(html).toContain('data-text="{n} von {total} Hosts gezeigt"');
    expect(leaksIn(pageText(html), english), 'index.html').toEqual([]);
    const md = readFileSync(join(out, 'index.md'), 'utf8');
    expect(md).toContain('| Host | Engine | Container (laufend/gesamt) |');
    expect(leaksIn(md, english), 'index.md').toEqual([]);
    for (const h of index.hosts) {
      const report = JSON.parse(readFileSync(join(out, h.files.json), 'utf8')) as Report;
      expect(report.lang).toBe('de');
    }
  });
});

describe('--redact in German: the callout, REDACTION.txt and the CLI line', () => {
  it('says what was replaced and what was kept in German, the pseudonyms as they are', () => {
    const out = mkdtempSync(join(tmpdir(), 'dockernet-i18n-redact-'));
    const r = cli(
      [
        'report',
        join(root, 'samples/slides-step3'),
        '-o',
        out,
        '-f',
        'html,md,json,zip',
        '--no-browser',
        '--redact',
      ],
      { LANG: 'de_DE.UTF-8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/ {2}anonymisiert: \d+ (Hostname|MAC-Adressen)/);
    const text = spawnSync('unzip', ['-p', join(out, 'report.zip'), 'REDACTION.txt'], { encoding: 'utf8' });
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^ {2}MAC-Adressen: \d+, \d+ {2}\(als 02:00:00:xx:xx:xx, eindeutig/m);
    expect(text.stdout).toContain('Nicht anonymisiert:');
    const english = englishProse();
    expect(leaksIn(text.stdout, english)).toEqual([]);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/\*\*Anonymisiert\*\* \(`--redact`\): .*MAC-Adressen \(\d+ Ersetzungen, als 02:00:00/);
    const callout = /<p class="callout redaction"[\s\S]*?<\/p>/.exec(
      readFileSync(join(out, 'report.html'), 'utf8'),
    )?.[0];
    expect(callout).toContain('<strong>Anonymisiert</strong>');
    expect(leaksIn(callout!.replace(/<[^>]+>/g, ' '), english)).toEqual([]);
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(json.redaction?.kept.join(' ')).toContain('Containernamen');
  });
});

describe('--help and commander in German', () => {
  const helpIds = Object.keys(catalogs.en).filter((id) => id.startsWith('help.'));

  it('LANG=de_DE.UTF-8 dockernet --help, and report --help, are German; options and examples stay', () => {
    const english = englishProse();
    for (const args of [
      ['--help'],
      ['report', '--help'],
      ['fleet', '--help'],
      ['trace', '--help'],
      ['help', 'reach'],
    ]) {
      const r = cli(args, { LANG: 'de_DE.UTF-8' });
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Aufruf: dockernet/);
      expect(r.stdout).toContain('Optionen:');
      expect(leaksIn(r.stdout, english), args.join(' ')).toEqual([]);
      expect(r.stdout).not.toMatch(/display help|\(default: |choices: /);
    }
    const report = cli(['report', '--help'], { LANG: 'de_DE.UTF-8' }).stdout;
    expect(report).toContain('--no-browser');
    // Commander wraps at 80 columns.
    expect(report.replace(/\s+/g, ' ')).toContain('(Auswahl: "a4", "letter", Vorgabe: "a4")');
    expect(report).toContain('$ dockernet report samples/slides-step1');
    expect(report).toContain('Beispiele:');
    // --lang among the arguments decides before the locale does, for the help as well.
    expect(cli(['report', '--lang', 'de', '--help'], {}).stdout).toBe(report);
    expect(cli(['report', '--lang=en', '--help'], { LANG: 'de_DE.UTF-8' }).stdout).toMatch(
      /^Usage: dockernet report \[options\]/,
    );
    // English stays commander's own words.
    const en = cli(['--help'], {}).stdout;
    expect(en).toMatch(/^Usage: dockernet \[options\] \[command\]/);
    expect(en).toContain('display help for command');
    expect(helpIds.length).toBeGreaterThan(40);
  });

  it("commander's usage errors are German, with the same exit code (2)", () => {
    const de = { LANG: 'de_DE.UTF-8' };
    const cases: [string[], string][] = [
      [['reprot'], 'Fehler: unbekannter Befehl „reprot“\n(Meinten Sie report?)'],
      [['report', 'x', '-o', 'y', '--bogus'], 'Fehler: unbekannte Option „--bogus“'],
      [['report', 'x'], 'Fehler: die nötige Option „-o, --output <dir>“ fehlt'],
      [
        ['report', 'x', '-o', 'y', '--paper', 'b5'],
        'Fehler: der Wert „b5“ der Option „--paper <size>“ ist ungültig. Erlaubt sind a4, letter.',
      ],
      [['report', 'x', '-o'], 'Fehler: der Option „-o, --output <dir>“ fehlt ihr Wert'],
      [
        ['collector', 'extra'],
        'Fehler: zu viele Argumente für „collector“. Erwartet 0 Argumente, erhalten 1.',
      ],
      [
        ['parse', '-l', 'a', 'b', 'c'],
        'Fehler: zu viele Argumente für „parse“. Erwartet 2 Argumente, erhalten 3.',
      ],
      [['trace', '--from', 'host', '--to', '1.2.3.4:5'], 'Fehler: das nötige Argument „bundle“ fehlt'],
    ];
    for (const [args, want] of cases) {
      const r = cli(args, de);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(want);
      expect(r.stderr).toContain('(mit --help aufrufen für die Hilfe)');
      expect(r.stderr).not.toMatch(/^error: /m);
      // The same error in English is commander's text, untouched.
      const en = cli(args, {});
      expect(en.status).toBe(2);
      expect(en.stderr).toMatch(/^error: /m);
    }
  });
});

/** The text segments of a message that are long enough to be recognisably English prose. */
function proseSegments(src: string): string[] {
  const out: string[] = [];
  const walk = (nodes: ReturnType<typeof parseMessage>) => {
    for (const n of nodes) {
      if (n.t === 'text') out.push(...n.v.split(/[`:;()]/).map((s) => s.trim()));
      else if (n.t === 'plural' || n.t === 'select') for (const b of Object.values(n.branches)) walk(b);
    }
  };
  walk(parseMessage(src));
  return out.filter((s) => s.split(/\s+/).length >= 3 && /[a-z]{3}/.test(s));
}

/** English catalog prose (segments the German catalog does not share), for the leak tests. */
function englishProse(): string[] {
  const german = new Set(Object.values(catalogs.de).flatMap(proseSegments));
  return [...new Set(Object.values(catalogs.en).flatMap(proseSegments))].filter((s) => !german.has(s));
}

/** The English prose found in a text, code spans (`...`) and whitespace runs aside. */
function leaksIn(text: string, english = englishProse()): string[] {
  const prose = text.replace(/`[^`\n]*`/g, ' ').replace(/\s+/g, ' ');
  return english.filter((s) => prose.includes(s));
}

async function modelOf(sample: string) {
  return buildStepModel(parseBundle(await readBundle(join(root, 'samples', sample), DEFAULT_LIMITS)));
}

describe("the packet evaluator's text in German (dockernet trace, reach, the report's paths)", () => {
  // Real bundles with real firewalls: Docker 20.10's iptables, and ufw in front of Docker 28.5
  // (rate limits assumed, INPUT rules, policies).
  const samples = ['engine-step3.tar.gz', 'engine-ufw-28.5.tar.gz'];

  it('every reason, hop, assumption and label of the matrix, and the terminal text, is German', async () => {
    for (const sample of samples) {
      const model = await modelOf(sample);
      const texts = (lang: Lang) => {
        const m = reachMatrix(model, { lang });
        return [
          formatMatrix(m, lang),
          ...m.destinations.map((d) => d.label),
          ...m.paths.map((p) => formatPath(p, lang)),
        ].join('\n');
      };
      const en = texts('en');
      const de = texts('de');
      // The English text has catalog prose in it, so the check below can fail.
      expect(leaksIn(en).length, sample).toBeGreaterThan(5);
      expect(leaksIn(de), `${sample}: English in the German paths`).toEqual([]);
      expect(de).toMatch(/zugestellt an|niemand lauscht|verworfen von/);
    }
  });

  it('the paths have the same verdicts and hops in both languages; only the words differ', async () => {
    const model = await modelOf('engine-step3.tar.gz');
    const packet = {
      from: { kind: 'outside' as const },
      dst: '10.99.0.2',
      proto: 'tcp' as const,
      dport: 60000,
    };
    const en = tracePacket(model, packet);
    const de = tracePacket(model, packet, { lang: 'de' });
    expect(de.verdict).toBe(en.verdict);
    expect(de.hops.map((h) => [h.namespace, h.stage, h.rule, h.evidence])).toEqual(
      en.hops.map((h) => [h.namespace, h.stage, h.rule, h.evidence]),
    );
    expect(de.reason).not.toBe(en.reason);
    expect(de.reason).toContain('zugestellt an');
  });

  it('dockernet trace and reach speak the locale, or --lang', () => {
    const bundle = join(root, 'samples', 'engine-step3.tar.gz');
    const trace = cli(['trace', bundle, '--from', 'outside', '--to', '10.99.0.2:22/tcp'], {
      LANG: 'de_DE.UTF-8',
    });
    expect(trace.status, trace.stderr).toBe(0);
    expect(leaksIn(trace.stdout)).toEqual([]);
    expect(trace.stdout).toContain(' von outside: NO-LISTENER\n  niemand lauscht auf tcp 10.99.0.2:22');
    const reach = cli(['reach', bundle, '--lang', 'de'], {});
    expect(reach.status, reach.stderr).toBe(0);
    expect(reach.stdout).toContain('Legende:');
    expect(leaksIn(reach.stdout)).toEqual([]);
    const en = cli(['reach', bundle], { LANG: 'de_DE.UTF-8', LC_ALL: 'C' });
    expect(en.stdout).toContain('legend:');
    // Across the nodes of a swarm (src/cluster/reach.ts): the path and the matrix.
    const cluster = join(root, 'samples', 'cluster-mixed');
    const ct = cli(
      ['trace', '--cluster', cluster, '--from', 'node2:c2', '--to', '10.60.0.6:80', '--lang', 'de'],
      {},
    );
    expect(ct.status, ct.stderr).toBe(0);
    expect(ct.stdout).toContain('Tunnel: ');
    expect(leaksIn(ct.stdout)).toEqual([]);
    const cm = cli(['reach', '--cluster', cluster], { LANG: 'de_DE.UTF-8' });
    expect(cm.status, cm.stderr).toBe(0);
    expect(cm.stdout).toContain('nicht zugestellt:');
    expect(leaksIn(cm.stdout)).toEqual([]);
    expect(leaksIn(cli(['reach', '--cluster', cluster], {}).stdout).length).toBeGreaterThan(0);
    // The legs' prefixes: the way there and the answer's way back (ids in the JSON, words here).
    const back = cli(
      ['trace', '--cluster', cluster, '--from', 'node1:c1', '--to', '10.60.0.6:80', '--lang', 'de'],
      {},
    );
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/ VXLAN: Route /);
    expect(back.stdout).toMatch(/ Antwort-VXLAN: Route /);
    expect(leaksIn(back.stdout)).toEqual([]);
    const backEn = cli(['trace', '--cluster', cluster, '--from', 'node1:c1', '--to', '10.60.0.6:80'], {});
    expect(backEn.stdout).toMatch(/ reply VXLAN: route /);
    expect(leaksIn(backEn.stdout).length).toBeGreaterThan(0);
  });

  it("the CLI's errors of trace and reach, and a bundle it cannot read, in German", () => {
    const cluster = join(root, 'samples', 'cluster-mixed');
    const bundle = join(root, 'samples', 'engine-step3.tar.gz');
    const dir = mkdtempSync(join(tmpdir(), 'dockernet-i18n-cli-'));
    writeFileSync(join(dir, 'junk.tar.gz'), 'not a tar archive at all, and not gzip either\n');
    const to = ['--to', '10.60.0.6:80'];
    const cases: [string[], RegExp][] = [
      [
        ['trace', '--cluster', cluster, '--from', 'node2:c2', ...to, '--src', '10.0.0.9'],
        /--src gilt nicht mit --cluster/,
      ],
      [['trace', bundle, bundle, '--from', 'host', ...to], /ein Bündel, nicht 2: /],
      [['reach', bundle, bundle], /ein Bündel, nicht 2: /],
      [['trace', '--cluster', cluster, '--from', 'node9:c2', ...to], /kein Knoten node9 im Cluster/],
      [['trace', '--cluster', cluster, '--from', 'nosuch', ...to], /kein Container dieses Namens/],
      [['trace', bundle, '--from', '', ...to], /--from ist leer/],
      [['trace', bundle, '--from', 'host', '--to', '10.0.0.1'], /erwartet wird ADRESSE:PORT/],
      [['trace', join(dir, 'none.tar.gz'), '--from', 'host', ...to], /Datei oder Verzeichnis nicht gefunden/],
      [['trace', join(dir, 'junk.tar.gz'), '--from', 'host', ...to], /keine Einträge gefunden/],
      [
        ['report', join(dir, 'junk.tar.gz'), '--format', 'md', '--output', join(dir, 'out')],
        /keine Einträge gefunden/,
      ],
    ];
    const english = englishProse();
    for (const [args, want] of cases) {
      const de = cli([...args, '--lang', 'de'], {});
      const en = cli(args, {});
      expect(de.status, args.join(' ')).not.toBe(0);
      expect(de.stderr, args.join(' ')).toMatch(want);
      expect(leaksIn(de.stderr, english), args.join(' ')).toEqual([]);
      // The same error in English has catalog prose in it (so the check above can fail).
      expect(en.status).toBe(de.status);
      expect(leaksIn(en.stderr, english).length, `${args.join(' ')}: ${en.stderr}`).toBeGreaterThan(0);
    }
  });
});

describe('reading warnings in German (the bundle reader, the parsers, why an output was not read)', () => {
  // Hostile bundles (test/support/hostile.ts) that warn a lot: unsafe and duplicate entries,
  // links and devices, a manifest of the wrong shape, label and environment values not read.
  const picked =
    /^(paths with \.\.|manifest of the wrong shape \(paths|secrets in env|manifest that is not JSON)/;

  it('every warning with a code is in German, the same code as in English; the rest is marked lang="en"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockernet-i18n-warn-'));
    const cases = hostileCases().filter((c) => picked.test(c.name));
    expect(cases.length).toBe(4);
    const english = englishProse();
    let coded = 0;
    for (const c of cases) {
      const input = c.build(dir);
      const opts = { generatedAt: '2000-01-01T00:00:00.000Z' };
      const de = await buildReport([input], { ...opts, lang: 'de' });
      const en = await buildReport([input], { ...opts, lang: 'en' });
      const all = (r: Report) =>
        r.steps.flatMap((s) => [
          ...s.warnings,
          ...s.commands.flatMap((x) => [
            ...x.warnings,
            ...(x.reason ? [{ code: x.reasonCode, message: x.reason }] : []),
          ]),
        ]);
      const [wde, wen] = [all(de), all(en)];
      expect(wde.map((w) => w.code)).toEqual(wen.map((w) => w.code));
      for (const [i, w] of wde.entries()) {
        if (!w.code) continue;
        coded++;
        // Parameters (paths, names) aside, the German text is not the English one.
        if (w.code !== 'archive') expect(w.message, w.code).not.toBe(wen[i]!.message);
      }
      const md = renderMarkdown(de);
      const html = renderHtml(de)
        // What is marked English on purpose: warnings without a catalog text, the collector's words.
        .replace(/<(li|span)[^>]* lang="en"[^>]*>[\s\S]*?<\/\1>/g, ' ')
        .replace(/<(pre|code|style|script)\b[\s\S]*?<\/\1>/g, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#x27;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
      expect(leaksIn(html, english), `${c.name}: report.html`).toEqual([]);
      expect(leaksIn(md, english), `${c.name}: report.md`).toEqual([]);
      expect(html).toMatch(
        /unsicheren Pfad|Werte der Labels|manifest\.json ist kein gültiges JSON|commands\[\d+\]/,
      );
    }
    expect(coded).toBeGreaterThan(15);
  });
});

describe('the slide samples in German and English', () => {
  const reports: Partial<Record<Lang, Report>> = {};
  beforeAll(async () => {
    for (const lang of LANGS) {
      const r = await buildReport(
        [1, 2, 3, 4].map((n) => join(root, 'samples', `slides-step${n}`)),
        { generatedAt: '2000-01-01T00:00:00.000Z', lang },
      );
      r.generator.version = '(any)';
      for (const s of r.steps) s.source = relative(root, s.source);
      reports[lang] = r;
    }
  });

  for (const lang of LANGS) {
    it(`${lang}: matches test/golden/slides.report.${lang}.md`, () => {
      const golden = join(root, 'test', 'golden', `slides.report.${lang}.md`);
      const md = renderMarkdown(reports[lang]!);
      if (update) writeFileSync(golden, md);
      expect(existsSync(golden), `missing ${golden}: run npm run golden`).toBe(true);
      expect(md).toBe(readFileSync(golden, 'utf8'));
    });
  }

  it('de: the figure of step 3 matches test/golden/slides.step-3.de.mmd, in German words', () => {
    const golden = join(root, 'test', 'golden', 'slides.step-3.de.mmd');
    const de = stepDiagram(reports.de!.steps[2]!.model, { lang: 'de' }).source;
    if (update) writeFileSync(golden, de);
    expect(existsSync(golden), `missing ${golden}: run npm run golden`).toBe(true);
    expect(de).toBe(readFileSync(golden, 'utf8'));
    // The same figure as the English one, node for node: only the words differ.
    const en = stepDiagram(reports.en!.steps[2]!.model).source;
    const shape = (src: string) => src.split('\n').map((l) => l.replace(/\[.*|".*|\|.*\|/g, ''));
    expect(shape(de)).toEqual(shape(en));
    expect(de).toContain('Legende');
    expect(de).toContain('veröffentlicht');
    expect(de).not.toMatch(/\b(Legend|green border|listening on the host|default route)\b/);
  });

  it('no English catalog text leaks into the German report (HTML and Markdown)', () => {
    // The collector's free-text note (the manifest's comment) is data, like a name: left out.
    const de: Report = {
      ...reports.de!,
      steps: reports.de!.steps.map(({ meta: { comment: _, ...meta }, ...s }) => ({ ...s, meta })),
    };
    const german = new Set(Object.values(catalogs.de).flatMap(proseSegments));
    const english = [...new Set(Object.values(catalogs.en).flatMap(proseSegments))].filter(
      (s) => !german.has(s),
    );
    expect(english.length).toBeGreaterThan(400);
    const md = renderMarkdown(de);
    // The raw outputs (the appendix, code spans and blocks) are command output: never translated.
    const html = renderHtml(de)
      .replace(/<section id="appendix"[\s\S]*<\/section>/, '')
      .replace(/<(pre|code|style|script)\b[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    const prose = (s: string) => s.replace(/`[^`\n]*`/g, ' ').replace(/\s+/g, ' ');
    for (const [name, text] of [
      ['report.md', prose(md)],
      ['report.html', prose(html)],
    ] as const) {
      const leaks = english.filter((s) => text.includes(s));
      expect(leaks, `${name}: English text in the German report`).toEqual([]);
    }
  });

  it('the JSON keeps its ids and records the language', () => {
    expect(reports.de!.lang).toBe('de');
    expect(reports.en!.lang).toBe('en');
    const kinds = (r: Report) => r.steps.flatMap((s) => (s.analysis?.findings ?? []).map((f) => f.kind));
    expect(kinds(reports.de!)).toEqual(kinds(reports.en!));
    const t = translator('de');
    expect(reports.de!.title).toBe(t('report.title-hosts', { hosts: 'dh-home2' }));
  });
});
