/**
 * The words for a redaction summary, shared by the zip's REDACTION.txt and the CLI; the HTML and
 * Markdown say the same through their templates (from `Report.redaction`).
 */
import type { RedactionKind, RedactionSummary } from './redactor.js';

export const KIND_LABEL: Record<RedactionKind, string> = {
  hostname: 'host names',
  domain: 'DNS domains',
  ipv4: 'public IPv4 addresses',
  ipv6: 'public IPv6 addresses',
  mac: 'MAC addresses',
  path: 'Compose and home directory paths',
};

/** The same, for exactly one value. */
export const KIND_LABEL_ONE: Record<RedactionKind, string> = {
  hostname: 'host name',
  domain: 'DNS domain',
  ipv4: 'public IPv4 address',
  ipv6: 'public IPv6 address',
  mac: 'MAC address',
  path: 'Compose or home directory path',
};

/** `3 MAC addresses`, `1 host name`. */
export function kindCount(kind: RedactionKind, n: number): string {
  return `${n} ${n === 1 ? KIND_LABEL_ONE[kind] : KIND_LABEL[kind]}`;
}

export const KIND_PSEUDONYM: Record<RedactionKind, string> = {
  hostname: 'host0, host1 ...',
  domain: 'domain0.example ...',
  ipv4: '203.0.113.x, 198.51.100.x ... (the last octet kept)',
  ipv6: '2001:db8:N:... (the first 48 bits replaced)',
  mac: '02:00:00:xx:xx:xx, unique (also in bridge ids and EUI-64 IPv6 addresses)',
  path: '/redacted/composeN, /home/userN',
};

export function redactionText(s: RedactionSummary): string {
  const lines = [
    'This archive was made with `dockernet report --redact`: every output (report, figures, JSON,',
    'Markdown, PDF, raw appendix and the bundles under bundles/) was made from redacted raw outputs.',
    '',
    'Replaced by pseudonyms (distinct values, occurrences):',
    ...s.kinds.map(
      (k) => `  ${KIND_LABEL[k.kind]}: ${k.values}, ${k.occurrences}  (as ${KIND_PSEUDONYM[k.kind]})`,
    ),
    '',
    'Not redacted:',
    ...s.kept.map((k) => `  - ${k}`),
    '',
    'The bundles are the texts dockernet read, redacted (binary files decoded as text).',
    'The map from original values to pseudonyms is not in this archive: it would undo the',
    'redaction. `--redact-map FILE` writes it to a separate file; keep that one to yourself.',
  ];
  return `${lines.join('\n')}\n`;
}
