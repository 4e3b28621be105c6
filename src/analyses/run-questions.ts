/**
 * Runs every question of the registry on one step (Lighthouse style): a question whose inputs were
 * not captured is "not applicable" with the reason, one that throws becomes an "error" answer. A
 * question never crashes the run.
 */
import type { ModelNamespace, NamespaceFacet } from '../model/types.js';
import { questions as registry } from './questions/index.js';
import type { AnalysisInput, Answer, Need, Question } from './types.js';
import { hostNs } from './util.js';

/** Was the facet captured (the model says which captures fed it)? Bridges also follow from interfaces. */
function captured(ns: ModelNamespace | undefined, facet: NamespaceFacet): boolean {
  return (
    !!ns && (ns.fedBy[facet] !== undefined || (facet === 'bridges' && ns.fedBy.interfaces !== undefined))
  );
}

/** undefined when the need is met, else what is missing. */
export function missing(need: Need, { model }: AnalysisInput): string | undefined {
  const host = hostNs(model);
  switch (need) {
    case 'host.interfaces':
      return captured(host, 'interfaces') || (host?.interfaces.length ?? 0) > 0
        ? undefined
        : "the host's interfaces (`ip addr`)";
    case 'host.routes':
      return captured(host, 'routes') || (host?.routes.length ?? 0) > 0
        ? undefined
        : "the host's routing table (`ip route`)";
    case 'host.bridges':
      return captured(host, 'bridges') || (host?.bridges.length ?? 0) > 0
        ? undefined
        : "the host's bridges (`brctl show` or `bridge link`)";
    case 'host.sockets':
      return captured(host, 'sockets') || (host?.sockets.length ?? 0) > 0
        ? undefined
        : "the host's sockets (`netstat` or `ss`)";
    case 'host.processes':
      return captured(host, 'processes') || (host?.processes.length ?? 0) > 0
        ? undefined
        : "the host's processes (`ps`)";
    case 'docker':
      return model.docker.installed
        ? undefined
        : 'Docker is not installed in this step (or `docker version` failed)';
    case 'docker.networks':
      return model.dockerNetworks.length > 0
        ? undefined
        : 'the Docker networks (`docker network ls` / `inspect`)';
    case 'container':
      return model.namespaces.some(
        (n) => n.kind === 'container' && (n.interfaces.length > 0 || n.processes.length > 0),
      )
        ? undefined
        : "a container's network namespace";
    case 'sandbox':
      return model.namespaces.some((n) => n.kind === 'sandbox') ? undefined : "Docker's sandbox namespaces";
  }
}

function questionText(q: Question, input: AnalysisInput): string {
  try {
    return q.question(input);
  } catch {
    return q.id;
  }
}

export function runQuestion(q: Question, input: AnalysisInput): Answer {
  const base = { id: q.id, question: questionText(q, input), answer: '', facts: [], evidence: [] };
  try {
    const gaps = q.needs.map((n) => missing(n, input)).filter((m) => m !== undefined);
    if (gaps.length) {
      const reason = gaps.map((g) => (g.startsWith('Docker is') ? g : `not captured: ${g}`)).join('; ');
      return { ...base, status: 'not-applicable', reason };
    }
    const applies = q.appliesTo(input);
    if (applies !== true) return { ...base, status: 'not-applicable', reason: applies };
    const r = q.answer(input);
    return { ...base, status: 'answered', answer: r.answer, facts: r.facts, evidence: r.evidence };
  } catch (e) {
    return {
      ...base,
      status: 'error',
      reason: `question ${q.id} failed: ${(e as Error)?.message ?? String(e)}`,
    };
  }
}

export function runQuestions(input: AnalysisInput, questions: readonly Question[] = registry): Answer[] {
  return questions.map((q) => runQuestion(q, input));
}
