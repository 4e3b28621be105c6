/**
 * A step label from the content, for bundles whose manifest has no `step`: "Host without Docker",
 * "Docker engine, no containers", "1 container", "swarm manager, 2 containers".
 */
import { type Translator, translator } from '../i18n/index.js';
import type { StepModel } from '../model/types.js';
import { hostNs, isSwarm } from './util.js';

export function suggestLabel(model: StepModel, t: Translator = translator('en')): string {
  if (!model.docker.installed) return t('label.suggest.no-docker');
  const n = model.containers.length;
  if (isSwarm(model)) {
    const sockets = hostNs(model)?.sockets ?? [];
    const manager = sockets.some((s) => s.listening && s.localPortNumber === 2377);
    // 2377 listens only on managers; without a socket listing, a swarm-scope network still says "swarm".
    const role = manager ? 'manager' : sockets.length > 0 ? 'worker' : 'node';
    return t('label.suggest.swarm', { role, n });
  }
  return t('label.suggest.engine', { n });
}
