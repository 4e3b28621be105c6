/**
 * StepAnalysis + ReportStep -> display rows for templates/partials/{answers,findings,diff}.hbs.
 * Evidence becomes links into the raw appendix (the same anchors as the tables); answer text is
 * split into paragraphs, list items and `code` spans so that templates stay logic-free and no
 * HTML is ever built from data.
 *
 * Audiences:
 * - review:  findings first, then the answers (with not-applicable ones and their reasons), diff.
 * - handout: a worksheet: the applicable questions with ruled lines to write on; no answers, no
 *            findings, no diff (it would give away "what changed since the last step").
 * - answers: the answer key: diff and answers, no findings.
 */
import { findingText } from '../analyses/findings/catalogue.js';
import type { Answer, DiffCategory, Finding, Severity, StepAnalysis } from '../analyses/types.js';
import { type MessageId, type Translator, translator } from '../i18n/index.js';
import type { Evidence } from '../model/types.js';
import type { ReportStep } from '../report/types.js';
import { type EvidenceLink, fileAnchor, lineAnchor } from './view-anchors.js';

export type { Audience } from './formats.js';

import type { Audience } from './formats.js';

export { AUDIENCES } from './formats.js';

export interface TextPart {
  text: string;
  code: boolean;
}

export interface TextBlock {
  /** A paragraph (`parts`) or a bullet list (`items`). */
  isList: boolean;
  /** Compact pages (src/render/lazy.ts) collapse a list longer than this many items. */
  itemsInline: boolean;
  parts: TextPart[];
  items: TextPart[][];
  /**
   * Set by markRepeats when the same question of an earlier step has this very block: paper
   * prints it once (print.css hides `.repeat`) and says where it was; the screen keeps it.
   */
  seenStep?: number;
  seenHref?: string;
  /** The first block of a run of repeated blocks: where the "as in step N" line goes. */
  sameStart?: boolean;
}

/**
 * Lines to write on per question in the handout: about one per 450 characters of the answer key,
 * 2 to 4 (the four slide steps' 48 questions then fit 3 A4 pages per step with their outputs).
 */
function writeLines(answer: string): number {
  return Math.min(4, Math.max(2, Math.round(answer.length / 450)));
}

export function evidenceLink(step: ReportStep, e: Evidence): EvidenceLink {
  return e.line !== undefined
    ? { href: `#${lineAnchor(step, e.file, e.line)}`, text: `${e.file}:${e.line}` }
    : { href: `#${fileAnchor(step, e.file)}`, text: e.file };
}

/** The section of one packet path in the reachability part of a step (shown by `:target`). */
export function pathAnchor(step: ReportStep, path: number): string {
  return `${step.anchor}-path-${path}`;
}

/** `a \`b\` c` -> text, code, text. An unmatched backtick stays text. */
export function textParts(s: string): TextPart[] {
  const out: TextPart[] = [];
  const re = /`([^`]+)`/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index > last) out.push({ text: s.slice(last, m.index), code: false });
    out.push({ text: m[1]!, code: true });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ text: s.slice(last), code: false });
  return out;
}

const LIST_ITEMS_INLINE = 50;
const LONG_ANSWER_CHARS = 8000;

/** Paragraphs split at blank lines; lines starting with "- " become list items. */
export function textBlocks(s: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const para of s.split(/\n\s*\n/)) {
    const lines = para.split('\n').filter((l) => l.trim() !== '');
    let text: string[] = [];
    let items: string[] = [];
    const flush = () => {
      if (text.length)
        blocks.push({ isList: false, itemsInline: true, parts: textParts(text.join(' ')), items: [] });
      if (items.length)
        blocks.push({
          isList: true,
          itemsInline: items.length <= LIST_ITEMS_INLINE,
          parts: [],
          items: items.map(textParts),
        });
      text = [];
      items = [];
    };
    for (const l of lines) {
      if (/^\s*- /.test(l)) {
        if (text.length) {
          blocks.push({ isList: false, itemsInline: true, parts: textParts(text.join(' ')), items: [] });
          text = [];
        }
        items.push(l.replace(/^\s*- /, ''));
      } else {
        if (items.length) flush();
        text.push(l);
      }
    }
    flush();
  }
  return blocks;
}

const SEVERITY_ORDER: Severity[] = ['high', 'medium', 'low', 'info'];

/** The diff's categories in the order shown; their titles are `diff.cat.<category>` in the catalogs. */
const CATEGORIES: readonly DiffCategory[] = [
  'interface',
  'address',
  'bridge',
  'bridge-port',
  'route',
  'socket',
  'process',
  'docker-network',
  'container',
  'veth',
  'published-port',
];

function answerRow(t: Translator, step: ReportStep, a: Answer, n: number) {
  return {
    n,
    id: a.id,
    anchor: `${step.anchor}-q-${a.id}`,
    question: textParts(a.question),
    status: a.status,
    answered: a.status === 'answered',
    notApplicable: a.status === 'not-applicable',
    error: a.status === 'error',
    reason: a.reason ? textParts(a.reason) : [],
    blocks: textBlocks(a.answer),
    // Compact pages (src/render/lazy.ts) collapse a long answer (one paragraph per container on
    // a 1,000-container host) and keep its first lines in the page.
    answerInline: a.answer.length <= LONG_ANSWER_CHARS && a.evidence.length <= LIST_ITEMS_INLINE,
    answerSize: t('questions.answer-size', {
      lines: a.answer.split('\n').length,
      evidence: a.evidence.length,
    }),
    facts: a.facts,
    hasFacts: a.facts.length > 0,
    evidence: a.evidence.map((e) => evidenceLink(step, e)),
    lines: Array.from({ length: writeLines(a.answer) }, (_, i) => i + 1),
  };
}

/** Findings of one kind shown before the rest are folded, and how many make a kind fold. */
const FOLD_SHOWN = 3;
const FOLD_FROM = 6;

function findingRow(t: Translator, step: ReportStep, f: Finding, repeat: boolean) {
  const info = findingText(f.kind, t);
  return {
    kind: f.kind,
    // Not the first finding of its kind in this step: paper prints its explanation once.
    repeat,
    severity: f.severity,
    title: info.title,
    subject: f.subject,
    detail: textParts(f.detail),
    explanation: textParts(info.explanation),
    remediation: textParts(info.remediation),
    notApplicable: textParts(info.notApplicable),
    evidence: f.evidence.map((e) => evidenceLink(step, e)),
    pathHref: f.path !== undefined && step.analysis?.reach ? `#${pathAnchor(step, f.path)}` : '',
  };
}

function diffView(t: Translator, step: ReportStep, a: StepAnalysis) {
  if (!a.diff) return undefined;
  const groups = CATEGORIES.map((category) => {
    const rows = a.diff!.changes.filter((c) => c.category === category);
    return {
      category,
      title: t(`diff.cat.${category}` as MessageId),
      count: rows.length,
      rows: rows.map((c) => ({
        change: c.change,
        key: c.key,
        summary: c.summary,
        ev: c.evidence ? evidenceLink(step, c.evidence) : undefined,
      })),
    };
  }).filter((g) => g.count > 0);
  const count = (k: 'added' | 'removed' | 'changed') => a.diff!.changes.filter((c) => c.change === k).length;
  return {
    from: a.diff.from,
    empty: a.diff.changes.length === 0,
    counts: { added: count('added'), removed: count('removed'), changed: count('changed') },
    groups,
  };
}

export function analysesView(
  step: ReportStep,
  a: StepAnalysis,
  audience: Audience = 'review',
  t: Translator = translator('en'),
) {
  const answered = a.answers.filter((x) => x.status === 'answered');
  const shown = audience === 'review' ? a.answers : answered;
  // Most severe first; within a severity, each kind's findings together, kinds in the order
  // they first came. A finding whose kind came before prints its subject and detail only (the
  // kinds seen so far in a set: a big host has thousands of findings), and past FOLD_SHOWN of
  // one kind the rest are folded into one collapsed block (opened for print).
  const ordered = SEVERITY_ORDER.flatMap((s) => {
    const of = a.findings.filter((f) => f.severity === s);
    const kinds = [...new Set(of.map((f) => f.kind))];
    return kinds.flatMap((k) => of.filter((f) => f.kind === k));
  });
  const total = new Map<string, number>();
  for (const f of ordered)
    total.set(`${f.severity} ${f.kind}`, (total.get(`${f.severity} ${f.kind}`) ?? 0) + 1);
  const kindsSeen = new Set<string>();
  const nth = new Map<string, number>();
  const findings = ordered.map((f) => {
    const again = kindsSeen.has(f.kind);
    kindsSeen.add(f.kind);
    const key = `${f.severity} ${f.kind}`;
    const n = (nth.get(key) ?? 0) + 1;
    nth.set(key, n);
    const of = total.get(key)!;
    const row = findingRow(t, step, f, again);
    const folds = of >= FOLD_FROM;
    return {
      ...row,
      foldStart:
        folds && n === FOLD_SHOWN + 1
          ? t('finding.fold', { count: of - FOLD_SHOWN, title: row.title })
          : undefined,
      foldEnd: folds && n === of,
    };
  });
  return {
    audience,
    anchor: step.anchor,
    isReview: audience === 'review',
    isHandout: audience === 'handout',
    isAnswers: audience === 'answers',
    showFindings: audience === 'review',
    showAnswers: audience !== 'handout',
    showDiff: audience !== 'handout' && a.diff !== undefined,
    suggestedLabel: a.suggestedLabel,
    questions: shown.map((x, i) => answerRow(t, step, x, i + 1)),
    questionCount: shown.length,
    notApplicableCount: a.answers.filter((x) => x.status === 'not-applicable').length,
    findings: {
      count: findings.length,
      rows: findings,
      counts: SEVERITY_ORDER.map((s) => ({
        severity: s,
        count: a.findings.filter((f) => f.severity === s).length,
      })).filter((c) => c.count > 0),
    },
    diff: diffView(t, step, a),
  };
}

export type AnalysesView = ReturnType<typeof analysesView>;

/**
 * Marks the answer paragraphs and lists that the same question already had, word for word, in an
 * earlier step (explanations such as "each block is one interface..." come back at every step:
 * a third of the four slide steps' answer text). Steps in report order.
 */
export function markRepeats(steps: readonly { index: number; analyses?: AnalysesView }[]): void {
  // One step repeats nothing (and a big host's answers are megabytes of text to key).
  if (steps.length < 2) return;
  const seen = new Map<string, { step: number; href: string }>();
  for (const s of steps) {
    for (const q of s.analyses?.questions ?? []) {
      let previous = false;
      for (const b of q.blocks) {
        const key = `${q.id}\u0000${JSON.stringify(b.isList ? b.items : b.parts)}`;
        const first = seen.get(key);
        if (first) {
          b.seenStep = first.step;
          b.seenHref = first.href;
          b.sameStart = !previous;
        } else seen.set(key, { step: s.index, href: `#${q.anchor}` });
        previous = first !== undefined;
      }
    }
  }
}
