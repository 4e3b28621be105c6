/**
 * index.md of a fleet: the index table for a ticket or a wiki. Every value from a bundle goes
 * through the Markdown report's escapers (src/render/markdown.ts), so a host name cannot become
 * a link, a cell boundary or HTML; links are to the hosts' folders (slugs are [a-z0-9-]).
 */
import { type MessageId, translator } from '../i18n/index.js';
import { mdCode, mdText } from '../render/markdown.js';
import { type FleetIndex, SEVERITY_ORDER } from './row.js';

export function renderFleetMarkdown(index: FleetIndex): string {
  const t = translator(index.lang ?? 'en');
  // [heading, right-aligned (a column of plain numbers)]
  const head: [string, boolean][] = [
    [t('fleet.h.host'), false],
    [t('fleet.h.engine'), false],
    [t('fleet.h.containers-md'), true],
    [t('fleet.h.networks'), true],
    [t('fleet.h.published'), false],
    ...SEVERITY_ORDER.map((s): [string, boolean] => [t(`fleet.h.${s}` as MessageId), true]),
    [t('fleet.h.captured'), false],
    [t('fleet.h.report'), false],
  ];
  const lines = [
    `# ${mdText(t('fleet.title', { n: index.hosts.length }))}`,
    '',
    mdText(
      t('fleet.generated', {
        generator: `${index.generator.name} ${index.generator.version}`,
        at: index.generatedAt,
      }),
    ),
    '',
    `| ${head.map(([h]) => h).join(' | ')} |`,
    `|${head.map(([, num]) => (num ? '---:' : '---')).join('|')}|`,
  ];
  for (const r of index.hosts) {
    const c = r.containers;
    const cells = [
      `${mdText(r.host)}${r.error ? ` — ${mdText(t('fleet.unreadable', { error: r.error }))}` : ''}`,
      mdText(r.engine ?? ''),
      c ? `${c.running ?? '?'}/${c.total}` : '',
      r.networks ? String(r.networks.total) : '',
      r.published
        ? `${r.published.total}${r.published.ports.length ? ` (${mdCode(r.published.ports.join(' '), true)})` : ''}`
        : '',
      ...SEVERITY_ORDER.map((s) => (r.findings ? String(r.findings[s]) : '')),
      mdText(r.capturedAt ?? ''),
      r.files?.md || r.files?.html
        ? [r.files.md ? `[Markdown](${r.files.md})` : '', r.files.html ? `[HTML](${r.files.html})` : '']
            .filter(Boolean)
            .join(' · ')
        : '',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
