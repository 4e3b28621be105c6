/**
 * The worksheet's figure with blanks (`--blanks`): every interface keeps its index and what it
 * is, but its name becomes a line for the student to fill in from the outputs beside it.
 *
 *   "5: veth9c996da@if4"            -> "5: ________"
 *   "3: docker0 (bridge)", "172..." -> "3: ________ (bridge)", "172..."
 *
 * Only a node's first line of the form `<index>: <name>` changes (how detailed.ts labels an
 * interface); group titles, listeners, ports, addresses and the legend stay, so the figure still
 * reads and the draw.io file gets the same blanks.
 */
import type { Figure } from './flowchart.js';

export const BLANK = '________';

const INTERFACE_LINE = /^(\d+): \S+(.*)$/;

export function withBlanks(fig: Figure): Figure {
  return {
    ...fig,
    nodes: fig.nodes.map((n) => {
      const m = INTERFACE_LINE.exec(n.lines[0] ?? '');
      if (!m) return n;
      return { ...n, lines: [`${m[1]}: ${BLANK}${m[2]}`, ...n.lines.slice(1)] };
    }),
  };
}
