/**
 * The output formats and audiences the CLI offers, in a module of their own with no imports:
 * the command line defines its options from them before it loads anything heavy (issue #13).
 */
export const FORMATS = ['html', 'json', 'md', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

export type Audience = 'review' | 'handout' | 'answers';
export const AUDIENCES: readonly Audience[] = ['review', 'handout', 'answers'];
