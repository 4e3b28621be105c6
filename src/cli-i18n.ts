/**
 * The command line's own language: --help and commander's words (titles, the help and version
 * options, "(choices: ..., default: ...)", its usage errors). Help is printed while the arguments
 * are parsed, before any action reads `--lang`, so the language is decided before parsing: a
 * `--lang` among the arguments, else the locale (LC_ALL, LC_MESSAGES, LANG), else English.
 *
 *   LANG=de_DE.UTF-8 dockernet report --help    ->  "Aufruf: dockernet report [Optionen] ..."
 *   dockernet report --lang de --help           ->  the same
 *
 * Commander (14.x) has hooks for the titles (styleTitle), the option descriptions and the error
 * output, but writes its error messages itself: they are recognised by their English form below
 * and re-said in the language; one commander does not know is printed as it came (English).
 */
import { type Command, Help, type Option } from 'commander';
import { isLang, type Lang, langFromEnv, type MessageId, type Translator, translator } from './i18n/index.js';

/** `--lang de` or `--lang=de` anywhere among the arguments, else the environment's language. */
export function cliLang(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (isLang(v)) return v;
  }
  return langFromEnv(env);
}

const TITLES: Record<string, MessageId> = {
  'Usage:': 'help.usage',
  'Options:': 'help.options',
  'Arguments:': 'help.arguments',
  'Commands:': 'help.commands',
  'Global Options:': 'help.global-options',
};

/** Commander's error messages (lib/command.js), English form -> the message that says it. */
const ERRORS: [RegExp, (t: Translator, m: RegExpExecArray) => string][] = [
  [
    /^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/,
    (t, m) => t('help.err.invalid-choice', { option: m[1]!, value: m[2]!, choices: m[3]! }),
  ],
  [/^error: unknown option '([^']+)'$/, (t, m) => t('help.err.unknown-option', { option: m[1]! })],
  [/^error: unknown command '([^']+)'$/, (t, m) => t('help.err.unknown-command', { command: m[1]! })],
  [/^error: missing required argument '([^']+)'$/, (t, m) => t('help.err.missing-argument', { name: m[1]! })],
  [
    /^error: required option '([^']+)' not specified$/,
    (t, m) => t('help.err.missing-option', { option: m[1]! }),
  ],
  [/^error: option '([^']+)' argument missing$/, (t, m) => t('help.err.option-argument', { option: m[1]! })],
  [
    /^error: too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (t, m) => t('help.err.too-many', { command: m[1] ?? '', expected: Number(m[2]), got: m[3]! }),
  ],
];

/** One line of commander's error output in the language (a suggestion line too). */
export function translateCommanderError(t: Translator, text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const tail = /^(.*?)(\s*)\(Did you mean (.+)\?\)$/s.exec(line);
      const main = tail ? tail[1]! : line;
      let out = main;
      for (const [re, say] of ERRORS) {
        const m = re.exec(main);
        if (m) {
          out = say(t, m);
          break;
        }
      }
      if (main === '(run with --help for usage)') out = t('help.after-error');
      return tail ? `${out}${tail[2]}${t('help.err.did-you-mean', { what: tail[3]! })}` : out;
    })
    .join('\n');
}

/**
 * Commander's words in `lang` for `cmd` and the subcommands made after this call (they inherit
 * the help configuration, the output configuration and the help option).
 */
export function localizeCommander(cmd: Command, lang: Lang): void {
  const t = translator(lang);
  if (lang === 'en') return;
  const base = new Help();
  const words = (usage: string) =>
    usage.replace('[options]', t('help.options-arg')).replace('[command]', t('help.command-arg'));
  cmd.configureHelp({
    styleTitle: (str: string) => (TITLES[str] ? t(TITLES[str]!) : str),
    // The placeholders of the usage lines: `[options]`, `[command]`.
    commandUsage: (c: Command) => words(base.commandUsage(c)),
    subcommandTerm: (c: Command) => words(base.subcommandTerm(c)),
    // "(choices: "a4", "letter", default: "a4")": only the two words change.
    optionDescription: (option: Option) => {
      const full = base.optionDescription(option);
      const own = option.description ?? '';
      const extra = full.slice(own.length);
      return (
        own +
        extra
          .replace(/(\(|, )choices: /, `$1${t('help.choices')}: `)
          .replace(/(\(|, )default: /, `$1${t('help.default')}: `)
      );
    },
  });
  cmd.configureOutput({
    outputError: (str, write) =>
      write(translateCommanderError(t, str.replace(/\n$/, '')) + (str.endsWith('\n') ? '\n' : '')),
  });
  cmd.helpOption('-h, --help', t('help.help'));
  cmd.helpCommand(`help ${t('help.command-arg')}`, t('help.help'));
}
