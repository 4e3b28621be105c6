/**
 * The ticket-ready archive (`--zip PATH`): the chosen formats (report.html, report.pdf, report.md,
 * report.json), the diagrams as SVG, the original bundles, and `SHA256SUMS` (`sha256sum -c`
 * checks it). Deterministic: fixed entry dates and modes, entries in the order given, so the same
 * inputs give the same bytes. Entry names are sanitised: a hostile or odd name cannot write outside
 * the folder the zip is extracted into (no `..`, no absolute path, no control characters).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipArchive } from 'archiver';
import * as tar from 'tar';
import type { Bundle } from '../bundle/types.js';
import type { Report } from '../report/types.js';

export interface ArchiveEntry {
  name: string;
  data: Buffer | string;
}

/** 1980-01-01 is the earliest DOS date a zip can hold; a fixed date makes the zip reproducible. */
export const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

export const SUMS_NAME = 'SHA256SUMS';

/** A safe relative entry name: '/'-separated, no '.', '..' or empty segments, no control characters. */
export function sanitizeEntryName(name: string): string {
  const segments = name
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .split(/[/\\]+/)
    .map((s) => s.replace(/^[A-Za-z]:$/, '').trim())
    .filter((s) => s !== '' && s !== '.' && s !== '..');
  return segments.join('/') || 'unnamed';
}

function uniqueNames(entries: ArchiveEntry[]): ArchiveEntry[] {
  const seen = new Set<string>([SUMS_NAME]);
  return entries.map((e) => {
    let name = sanitizeEntryName(e.name);
    if (seen.has(name)) {
      // report.pdf -> report-2.pdf; bundles/a.tar.gz -> bundles/a-2.tar.gz
      const m = /^(.*?[^/.])((?:\.[A-Za-z0-9]+){0,2})$/.exec(name);
      const [stem, ext] = m ? [m[1]!, m[2]!] : [name, ''];
      let n = 2;
      while (seen.has(`${stem}-${n}${ext}`)) n++;
      name = `${stem}-${n}${ext}`;
    }
    seen.add(name);
    return { name, data: e.data };
  });
}

export function sha256sums(entries: readonly ArchiveEntry[]): string {
  return entries.map((e) => `${createHash('sha256').update(e.data).digest('hex')}  ${e.name}\n`).join('');
}

/** Write a zip of `entries` (names sanitised, duplicates numbered) plus SHA256SUMS. */
export async function writeZip(path: string, entries: ArchiveEntry[]): Promise<void> {
  const safe = uniqueNames(entries);
  const zip = new ZipArchive({ zlib: { level: 9 } });
  const done = pipeline(zip, createWriteStream(path));
  for (const e of safe) zip.append(e.data, { name: e.name, date: FIXED_MTIME, mode: 0o644 });
  zip.append(sha256sums(safe), { name: SUMS_NAME, date: FIXED_MTIME, mode: 0o644 });
  await zip.finalize();
  await done;
}

/** Regular files under `dir`, relative, '/'-separated and sorted; symlinks and devices are left out. */
async function regularFiles(dir: string, sub = ''): Promise<string[]> {
  const out: string[] = [];
  const names = (await readdir(join(dir, sub))).sort();
  for (const n of names) {
    const rel = sub ? `${sub}/${n}` : n;
    const st = await lstat(join(dir, rel));
    if (st.isDirectory()) out.push(...(await regularFiles(dir, rel)));
    else if (st.isFile()) out.push(rel);
  }
  return out;
}

/** A bundle folder as a reproducible .tar.gz (regular files only, fixed mtime, portable headers). */
export async function packDirectory(dir: string): Promise<Buffer> {
  const files = await regularFiles(dir);
  const chunks: Buffer[] = [];
  const stream = tar.c(
    { gzip: { level: 9 }, cwd: dir, portable: true, mtime: FIXED_MTIME, noDirRecurse: true },
    files,
  );
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * The archive's entries: each format under its file name (`report.html` ...), the diagrams under
 * `diagrams/`, the bundles under `bundles/` (archives copied as they are, folders packed into
 * `<name>.tar.gz`), named after the step they became when the report has one.
 */
export async function archiveEntries(
  report: Report,
  formats: Record<string, Buffer | string>,
  svgs: { name: string; svg: string }[],
  bundles: string[],
): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = Object.entries(formats).map(([name, data]) => ({ name, data }));
  for (const d of svgs) {
    entries.push({ name: `diagrams/${d.name.endsWith('.svg') ? d.name : `${d.name}.svg`}`, data: d.svg });
  }
  for (const input of bundles) {
    const full = resolve(input);
    const step = report.steps.find((s) => resolve(s.source) === full);
    const prefix = step ? `step-${step.index}-` : '';
    const base = basename(full.endsWith(sep) ? full.slice(0, -1) : full);
    const st = await lstat(full);
    if (st.isDirectory()) {
      entries.push({ name: `bundles/${prefix}${base}.tar.gz`, data: await packDirectory(full) });
    } else {
      entries.push({ name: `bundles/${prefix}${base}`, data: await readFile(full) });
    }
  }
  return entries;
}

/**
 * `--redact`: the bundles as dockernet read and redacted them, packed again (the originals would
 * undo the redaction). Named like `archiveEntries` names the originals, from the redacted source.
 */
export async function redactedBundleEntries(
  report: Report,
  bundles: readonly Bundle[],
): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  const tmp = await mkdtemp(join(tmpdir(), 'dockernet-redacted-'));
  try {
    for (const [i, b] of bundles.entries()) {
      const step = report.steps.find((s) => s.source === b.source);
      const prefix = step ? `step-${step.index}-` : '';
      const base = basename(b.source.replace(/[/\\]+$/, '')).replace(/\.(tar\.gz|tgz)$/, '');
      const dir = join(tmp, String(i));
      for (const f of b.files) {
        const name = sanitizeEntryName(f.path);
        await mkdir(dirname(join(dir, name)), { recursive: true });
        await writeFile(join(dir, name), f.text);
      }
      entries.push({ name: `bundles/${prefix}${base}.tar.gz`, data: await packDirectory(dir) });
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return entries;
}
