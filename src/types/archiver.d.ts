/**
 * The part of archiver 8 that dockernet uses (src/render/archive.ts). archiver 8 is ESM only,
 * has no default export and ships no types.
 */
declare module 'archiver' {
  import type { Transform } from 'node:stream';

  export interface ArchiverOptions {
    zlib?: { level?: number };
    /** Store DOS times as local time instead of UTC. */
    forceLocalTime?: boolean;
    forceZip64?: boolean;
    comment?: string;
  }

  export interface EntryData {
    name: string;
    date?: Date | string;
    mode?: number;
    prefix?: string;
    store?: boolean;
  }

  export class Archiver extends Transform {
    append(source: Buffer | string | NodeJS.ReadableStream, data: EntryData): this;
    finalize(): Promise<void>;
    pointer(): number;
  }

  export class ZipArchive extends Archiver {
    constructor(options?: ArchiverOptions);
  }

  export class TarArchive extends Archiver {
    constructor(options?: ArchiverOptions & { gzip?: boolean });
  }
}
