import type { Evidence } from '../../model/types.js';
import type { Finding, FindingKind, Severity } from '../types.js';
import { findingSeverity } from './catalogue.js';

export function finding(
  kind: FindingKind,
  subject: string,
  detail: string,
  evidence: Evidence[],
  severity?: Severity,
): Finding {
  return { kind, severity: severity ?? findingSeverity[kind], subject, detail, evidence };
}
