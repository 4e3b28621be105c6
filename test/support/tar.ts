/**
 * Build tar archives byte by byte, so tests can make the archives a careless or hostile writer
 * would (paths with '..', links, devices, duplicates) that well-behaved tools refuse to create.
 */
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';

export interface TarItem {
  path: string;
  body?: string | Buffer;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'FIFO';
  linkpath?: string;
}

export function makeTar(items: TarItem[]): Buffer {
  const blocks: Buffer[] = [];
  for (const it of items) {
    const body = it.body === undefined ? Buffer.alloc(0) : Buffer.from(it.body);
    const type = it.type ?? 'File';
    const h = new Header({
      path: it.path,
      type,
      size: type === 'File' ? body.length : 0,
      mode: 0o644,
      mtime: new Date(0),
      uid: 0,
      gid: 0,
      ...(it.linkpath ? { linkpath: it.linkpath } : {}),
    });
    const block = Buffer.alloc(512);
    h.encode(block, 0);
    blocks.push(block);
    if (type === 'File' && body.length > 0) {
      blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export function makeTarGz(items: TarItem[]): Buffer {
  return gzipSync(makeTar(items));
}
