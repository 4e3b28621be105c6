/**
 * Runs every question of the registry on one step (Lighthouse style): a question whose inputs were
 * not captured is "not applicable" with the reason, one that throws becomes an "error" answer. A
 * question never crashes the run.
 */
import type { ModelNamespace, NamespaceFacet } from '../model/types.js';
import { questions as registry } from './questions/index.js';
import type { AnalysisInput, Answer, Need, Question } from './types.js';
import { hostNs, tr } from './util.js';

/** Was the facet captured (the model says which captures fed it)? Bridges also follow from interfaces. */
function captured(ns: ModelNamespace | undefined, facet: NamespaceFacet): boolean {
  return (
    !!ns && (ns.fedBy[facet] !== undefined || (facet === 'bridges' && ns.fedBy.interfaces !== undefined))
  );
}

/** undefined when the need is met, else what is missing. */
export function missing(need: Need, input: AnalysisInput): string | undefined {
  const { model } = input;
  const t = tr(input);
  const host = hostNs(model);
  switch (need) {
    case 'host.interfaces':
      return captured(host, 'interfaces') || (host?.interfaces.length ?? 0) > 0
        ? undefined
        : t('need.host.interfaces');
    case 'host.routes':
      return captured(host, 'routes') || (host?.routes.length ?? 0) > 0 ? undefined : t('need.host.routes');
    case 'host.bridges':
      return captured(host, 'bridges') || (host?.bridges.length ?? 0) > 0
        ? undefined
        : t('need.host.bridges');
    case 'host.sockets':
      return captured(host, 'sockets') || (host?.sockets.length ?? 0) > 0
        ? undefined
        : t('need.host.sockets');
    case 'host.processes':
      return captured(host, 'processes') || (host?.processes.length ?? 0) > 0
        ? undefined
        : t('need.host.processes');
    case 'docker':
      return model.docker.installed ? undefined : t('need.docker');
    case 'docker.networks':
      return model.dockerNetworks.length > 0 ? undefined : t('need.docker.networks');
    case 'container':
      return model.namespaces.some(
        (n) => n.kind === 'container' && (n.interfaces.length > 0 || n.processes.length > 0),
      )
        ? undefined
        : t('need.container');
    case 'sandbox':
      return model.namespaces.some((n) => n.kind === 'sandbox') ? undefined : t('need.sandbox');
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
    const t = tr(input);
    // Docker missing is a fact about the step, not a gap in the capture.
    const gaps = q.needs
      .map((n) => {
        const m = missing(n, input);
        return m === undefined ? undefined : n === 'docker' ? m : t('need.not-captured', { what: m });
      })
      .filter((m) => m !== undefined);
    if (gaps.length) {
      const reason = gaps.join('; ');
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
      reason: tr(input)('need.failed', { id: q.id, error: (e as Error)?.message ?? String(e) }),
    };
  }
}

export function runQuestions(input: AnalysisInput, questions: readonly Question[] = registry): Answer[] {
  return questions.map((q) => runQuestion(q, input));
}
