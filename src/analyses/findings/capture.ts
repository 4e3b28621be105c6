/**
 * What the capture could not see: a collector run without root, commands that failed, printed an
 * error instead of output, or were not run.
 *
 *   "user": { "uid": 1000, "name": "admin" }
 *   docker-version (host): failed: exit code 127: Command 'docker' not found
 */
import type { Finding, FindingFamily } from '../types.js';
import { tr } from '../util.js';
import { finding } from './make.js';

const UNREAD = new Set(['failed', 'rejected', 'missing', 'error']);

export const capture: FindingFamily = {
  id: 'capture',
  kinds: ['capture-not-root', 'capture-incomplete'],
  run: (input) => {
    const { meta, model, commands } = input;
    const t = tr(input);
    const out: Finding[] = [];
    const uid = meta.user?.uid;
    if (uid !== undefined && uid !== 0)
      out.push(
        finding(
          'capture-not-root',
          meta.user?.name ? `${meta.user.name} (uid ${uid})` : `uid ${uid}`,
          t('fd.capture-not-root', { uid }),
          [],
        ),
      );
    for (const c of commands) {
      if (!UNREAD.has(c.status)) continue;
      // A docker command failing on a host without Docker is the answer, not missing data.
      const expected = c.id.startsWith('docker') && !model.docker.installed && c.exitCode === 127;
      // The reason is in the report's language: its code says "command not found" in any; the
      // stderr a failed command quoted stays as the shell wrote it.
      const notFound =
        c.exitCode === 127 || c.reasonCode === 'command-not-found' || /not found/i.test(c.reason ?? '');
      out.push(
        finding(
          'capture-incomplete',
          `${c.id} (${c.scope})`,
          t('fd.capture-incomplete', {
            command: c.command ?? '',
            status: t(`status.${c.status}`),
            reason: c.reason ?? '',
            docker: expected ? 'missing' : 'ok',
          }),
          [],
          expected || notFound || c.status === 'missing' ? 'info' : undefined,
        ),
      );
    }
    return out;
  },
};
