/** Where templates live: `templates/` at the package root, from src/ (tsx), dist/ and dist/app/. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { PACKAGE_ROOT } from '../package-root.js';

export const TEMPLATE_DIR = join(PACKAGE_ROOT, 'templates');

export function readTemplate(name: string): string {
  return readFileSync(join(TEMPLATE_DIR, name), 'utf8');
}

/** One report's templates: `report.hbs` in `dir` and every other .hbs of `partialsDir` as a partial. */
export interface TemplateSet {
  dir: string;
  partialsDir: string;
  /** The file scripts/precompile-templates.mjs writes for this set into dist/. */
  precompiled: string;
  options: CompileOptions;
}

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;
type Spec = Parameters<typeof Handlebars.template>[0];

function partialFiles(set: TemplateSet): string[] {
  return readdirSync(set.partialsDir).filter(
    (f) => f.endsWith('.hbs') && join(set.partialsDir, f) !== join(set.dir, 'report.hbs'),
  );
}

/**
 * Register the set's partials in `hb` and return its main template: precompiled by the build
 * (compiling costs ~0.25 s for the HTML and ~0.3 s for the Markdown at every run) while that
 * file is newer than every template, else compiled now (a checkout without a build, or an
 * edited template).
 */
export function loadTemplates(hb: typeof Handlebars, set: TemplateSet): Handlebars.TemplateDelegate {
  const file = join(PACKAGE_ROOT, 'dist', set.precompiled);
  const partials = partialFiles(set);
  const newest = Math.max(
    statSync(join(set.dir, 'report.hbs')).mtimeMs,
    ...partials.map((f) => statSync(join(set.partialsDir, f)).mtimeMs),
  );
  if (existsSync(file) && statSync(file).mtimeMs >= newest) {
    const pre = createRequire(import.meta.url)(file) as { main: Spec; partials: Record<string, Spec> };
    for (const [name, spec] of Object.entries(pre.partials)) hb.registerPartial(name, hb.template(spec));
    return hb.template(pre.main);
  }
  for (const f of partials)
    hb.registerPartial(f.slice(0, -4), readFileSync(join(set.partialsDir, f), 'utf8'));
  return hb.compile(readFileSync(join(set.dir, 'report.hbs'), 'utf8'), set.options);
}
