/**
 * A host's folder name in a fleet's output: its host name lower-cased to [a-z0-9-] (a name from a
 * bundle is hostile: no dot, slash or markup can reach a path or a link), at most 48 characters,
 * and unique within the run (`web`, `web-2`, `web-3`; two hosts named alike are two hosts).
 */
const MAX = 48;

export function slugOf(name: string): string {
  const s = name
    .normalize('NFKD')
    // The accents NFKD split off: ü -> u, not u-.
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX)
    .replace(/-+$/, '');
  return s || 'host';
}

/** Hands out distinct slugs in order: the first `web` is `web`, the next `web-2`. */
export class SlugAllocator {
  private used = new Set<string>();

  next(name: string): string {
    const base = slugOf(name);
    let slug = base;
    for (let n = 2; this.used.has(slug); n++) slug = `${base}-${n}`;
    this.used.add(slug);
    return slug;
  }
}
