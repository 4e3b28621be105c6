/** Where templates live: `templates/` at the package root, from src/ (tsx), dist/ and dist/app/. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

export const TEMPLATE_DIR = join(PACKAGE_ROOT, 'templates');

export function readTemplate(name: string): string {
  return readFileSync(join(TEMPLATE_DIR, name), 'utf8');
}
