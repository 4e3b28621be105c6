/**
 * The reachability matrix of one step, as the Report carries it: reachMatrix (src/reach/) run once
 * in the analyze stage, then made compact for report.json. Cells point at sources and destinations
 * by index, and identical paths (same hops, verdict and reason, whatever the packet) are stored
 * once, and so is every distinct hop; the assumptions every path repeats ("first packet: conntrack NEW") are stored once too.
 *
 *   cell { source: 0, destination: 2, verdict: 'delivered', path: 5, pairs: 1 }
 *   paths[5] = { verdict: 'delivered', reason: 'delivered to httpd (pid 1094) in container:whoami', hops: [...] }
 */
import type { Lang } from '../i18n/index.js';
import type { StepModel } from '../model/types.js';
import { type ReachDestination, type ReachSource, reachMatrix } from '../reach/matrix.js';
import type { Hop, PacketPath, Verdict } from '../reach/types.js';

export interface StepReachCell {
  /** Index into `sources`. */
  source: number;
  /** Index into `destinations`. */
  destination: number;
  verdict: Verdict;
  /** Index into `paths`. */
  path: number;
  /** Source x destination pairs this cell stands for (more than 1 only when aggregated). */
  pairs: number;
}

/** A PacketPath without its packet (the cell says who sent what to where). */
export interface StepReachPath {
  verdict: Verdict;
  reason: string;
  delivered?: PacketPath['delivered'];
  /** Indexes into the matrix's `hops`, in order. */
  hops: number[];
  /** Indexes into the matrix's `assumptions`. */
  assumptions: number[];
}

export interface StepReach {
  version: 1;
  /** One representative per group was traced (big hosts): `pairs` and `members` say how many. */
  aggregated: boolean;
  sources: ReachSource[];
  destinations: ReachDestination[];
  cells: StepReachCell[];
  paths: StepReachPath[];
  /** Every distinct hop once: paths through the same chains share most of theirs. */
  hops: Hop[];
  assumptions: string[];
  /** Pairs per verdict (an aggregated cell counts all the pairs it stands for). */
  counts: Partial<Record<Verdict, number>>;
}

/** `lang`: the language of the reasons, hops and assumptions (report.json's text fields). */
export function stepReach(model: StepModel, lang: Lang = 'en'): StepReach {
  const m = reachMatrix(model, { lang });
  const assumptions: string[] = [];
  const assumptionIx = new Map<string, number>();
  const paths: StepReachPath[] = [];
  const hops: Hop[] = [];
  const hopIx = new Map<string, number>();
  const pathIx = new Map<string, number>();
  const srcIx = new Map(m.sources.map((s, i) => [s.id, i]));
  const dstIx = new Map(m.destinations.map((d, i) => [d.id, i]));
  const cells: StepReachCell[] = [];
  // Many cells share one traced path: its entry is built (and its hops keyed) once.
  const entryOf = new Map<number, number>();
  for (const c of m.cells) {
    const known = entryOf.get(c.path);
    if (known !== undefined) {
      cells.push({
        source: srcIx.get(c.source)!,
        destination: dstIx.get(c.destination)!,
        verdict: c.verdict,
        path: known,
        pairs: c.pairs,
      });
      continue;
    }
    const p = m.paths[c.path]!;
    const refs = p.assumptions.map((a) => {
      let i = assumptionIx.get(a);
      if (i === undefined) {
        i = assumptions.push(a) - 1;
        assumptionIx.set(a, i);
      }
      return i;
    });
    const hopRefs = p.hops.map((h) => {
      const k = JSON.stringify(h);
      let i = hopIx.get(k);
      if (i === undefined) {
        i = hops.push(h) - 1;
        hopIx.set(k, i);
      }
      return i;
    });
    const entry: StepReachPath = { verdict: p.verdict, reason: p.reason, hops: hopRefs, assumptions: refs };
    if (p.delivered) entry.delivered = p.delivered;
    const key = JSON.stringify(entry);
    let pi = pathIx.get(key);
    if (pi === undefined) {
      pi = paths.push(entry) - 1;
      pathIx.set(key, pi);
    }
    entryOf.set(c.path, pi);
    cells.push({
      source: srcIx.get(c.source)!,
      destination: dstIx.get(c.destination)!,
      verdict: c.verdict,
      path: pi,
      pairs: c.pairs,
    });
  }
  return {
    version: 1,
    aggregated: m.aggregated,
    sources: m.sources,
    destinations: m.destinations,
    cells,
    paths,
    hops,
    assumptions,
    counts: m.counts,
  };
}

/**
 * Cells by `source * destinations + destination` (the first cell of a pair, as a `find` gave),
 * built once per cell list: the list is source-major but has no cell where a pair was not traced,
 * so after the first gap the position no longer tells, and a `find` per lookup was ~8 million
 * comparisons for the report's matrix on the 1,000-container host.
 */
const cellIndex = new WeakMap<
  StepReachCell[],
  { size: number; width: number; at: Map<number, StepReachCell> }
>();

/** The cell of a source and a destination (by index), or undefined. */
export function cellAt(r: StepReach, source: number, destination: number): StepReachCell | undefined {
  // Cells are written source-major over every destination.
  const width = r.destinations.length;
  const c = r.cells[source * width + destination];
  if (c && c.source === source && c.destination === destination) return c;
  let ix = cellIndex.get(r.cells);
  if (!ix || ix.size !== r.cells.length || ix.width !== width) {
    const at = new Map<number, StepReachCell>();
    for (const x of r.cells) {
      const k = x.source * width + x.destination;
      if (x.destination >= 0 && x.destination < width && !at.has(k)) at.set(k, x);
    }
    ix = { size: r.cells.length, width, at };
    cellIndex.set(r.cells, ix);
  }
  if (destination < 0 || destination >= width)
    return r.cells.find((x) => x.source === source && x.destination === destination);
  return ix.at.get(source * width + destination);
}

/** The hops of a path. */
export function pathHops(r: StepReach, p: StepReachPath): Hop[] {
  return p.hops.map((i) => r.hops[i]!);
}

/** Every evidence line a path cites, once, in hop order. */
export function pathEvidence(r: StepReach, p: StepReachPath): Hop['evidence'] {
  const seen = new Set<string>();
  const out: Hop['evidence'] = [];
  for (const h of pathHops(r, p))
    for (const e of h.evidence) {
      const k = `${e.file}:${e.line ?? ''}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(e);
    }
  return out;
}
