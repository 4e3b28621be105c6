/**
 * Parser for `cat /etc/docker/daemon.json` (the collector's `docker-daemon-json`): the engine's
 * configuration file, one JSON object.
 *
 *   {
 *     "userland-proxy": false,
 *     "ip6tables": true
 *   }
 *
 * One record per top-level key, with its value as JSON and the line the key stands on, so that
 * a fact read from it (the firewall backend, the userland proxy, ip6tables: src/model/
 * engine-firewall.ts) cites that line. Things that are not obvious:
 *
 * - dockerd refuses to start on a daemon.json that is not one JSON object; a broken file is
 *   rejected here too (and shown raw), whatever it holds.
 * - A key inside a nested object (`"log-opts": {"max-size": ...}`) is not a record of its own:
 *   it belongs to its top-level key's value.
 */
import { type Json, readJsonValues } from './json-lines.js';
import type { ParseResult, Parser } from './types.js';
import { capWarnings, rejected, result, splitLines } from './util.js';

export interface DockerDaemonJsonKey {
  key: string;
  value: Json;
  line: number;
}

function parse(text: string): ParseResult<DockerDaemonJsonKey> {
  if (splitLines(text).every((l) => l.trim() === '')) return rejected('empty output');
  const read = readJsonValues(text);
  if (read.rejected) return rejected(read.rejected);
  const o = read.objects[0];
  if (!o || read.objects.length > 1 || read.arrays > 0)
    return rejected(read.trailingError ?? 'not one JSON object (dockerd would not start on it)');
  const where = read.reader.where.get(o);
  const records = Object.entries(o).map(([key, value]) => ({
    key,
    value,
    line: where?.keys.get(key) ?? where?.line ?? 1,
  }));
  return result(records, capWarnings(read.warnings));
}

export const dockerDaemonJson: Parser<DockerDaemonJsonKey> = {
  id: 'docker-daemon-json',
  description: 'cat /etc/docker/daemon.json: the engine configuration, one record per top-level key',
  commands: ['cat /etc/docker/daemon.json'],
  parse,
};
