/** Where templates live: `templates/` at the package root, both from src/ (tsx) and dist/. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

export function readTemplate(name: string): string {
  return readFileSync(join(TEMPLATE_DIR, name), 'utf8');
}
