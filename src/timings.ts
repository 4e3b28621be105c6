/**
 * Where a run's wall time goes: `DOCKERNET_TIMINGS=1 dockernet report ...` prints, on stderr at
 * exit, each stage's moment since the process started (node's own start included, from
 * `performance.now()`). Stages of the browser (spawned, connected, diagram page ready, figures
 * drawn, PDF printed) run beside the analysis, so the list shows the critical path: which one
 * the run waited for. The bench reads these lines (bench/run.ts). Off by default: a mark is one
 * array push; nothing is printed.
 */
const marks: { at: number; what: string }[] = [];
const enabled = process.env.DOCKERNET_TIMINGS === '1';
let hooked = false;

/** Record that `what` happened now. */
export function mark(what: string): void {
  if (!enabled) return;
  marks.push({ at: performance.now(), what });
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      // What comes after this is node's own teardown (the wall time of the run minus this).
      marks.push({ at: performance.now(), what: 'exit' });
      const lines = marks
        .sort((a, b) => a.at - b.at)
        .map((m) => `dockernet timing: ${(m.at / 1000).toFixed(3).padStart(7)} s  ${m.what}`);
      process.stderr.write(`${lines.join('\n')}\n`);
    });
  }
}
