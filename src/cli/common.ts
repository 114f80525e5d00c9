/**
 * Small helpers the command-line tools share: failing with a message (never a stack
 * trace), percentiles for Monte Carlo spreads, and a progress indicator for terminals.
 * The tools: README.md, "Command-line tools"; for scenario authors, docs/scenario-authoring.md.
 */

/** Prints the message to stderr and exits with status 2 (bad input). */
export function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(2);
}

/**
 * The command line's words, with a negative number joined to the flag before it
 * (`--runs -5` becomes `--runs=-5`): Node's parser would otherwise take "-5" for a flag and
 * print its own message; joined, the flag's own check names it and what it allows.
 */
export function cliArgs(argv: readonly string[] = process.argv.slice(2)): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    const next = argv[i + 1];
    if (/^--[a-z][\w-]*$/.test(word) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${word}=${next}`);
      i++;
    } else out.push(word);
  }
  return out;
}

/**
 * One line for what Node's `parseArgs` refused, naming the flag: its own text goes on to
 * advise "--" and "--port=-XYZ" forms that are about its parser, not about this tool.
 */
export function argsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const flag = /'(--?[\w-]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag && /ambiguous|argument missing/.test(message)) return `${flag} needs a value`;
  // "Unknown option '--bogus'. To specify a positional argument…": the first sentence is what the user needs.
  return message.split(/\.\s|\n/)[0].replace(/\.$/, '');
}

/** Seeds the command line accepts: the rules' generator keeps 32 bits, so 2^32 + 1 would play as seed 1. */
export const MAX_SEED = 4294967295;

/**
 * `--seed` as a whole number from 0 to MAX_SEED, or a message and exit 2: larger seeds
 * would silently play as a smaller one (or lose digits past 2^53), and the browser's
 * set-up refuses negative seeds too.
 */
export function seedFlag(text: string, name = 'seed'): number {
  if (!/^\d+$/.test(text) || Number(text) > MAX_SEED) fail(`--${name} takes a whole number from 0 to ${MAX_SEED} (got ${text})`);
  return Number(text);
}

/** A whole-number flag, or a message naming the flag and exit 2. */
export function integer(name: string, text: string, min: number): number {
  if (!/^-?\d+$/.test(text)) fail(`--${name} must be an integer (got "${text}")`);
  const n = Number(text);
  if (n < min) fail(`--${name} must be at least ${min} (got ${n})`);
  return n;
}

/** Percentile of a sorted array (nearest rank with linear interpolation). */
export function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Returns a tick(done) function that redraws "n/total" on a terminal and nothing elsewhere. */
export function progress(total: number, enabled: boolean): (done: number) => void {
  if (!enabled) return () => {};
  let last = -1;
  return (done) => {
    const pct = Math.floor((100 * done) / total);
    if (pct === last && done !== total) return;
    last = pct;
    process.stderr.write(`\r  ${done}/${total} runs (${pct} %)`);
    if (done === total) process.stderr.write('\r\x1b[K');
  };
}

/** Any uncaught error becomes one line, not a stack trace (set COOPSEC_DEBUG=1 to see it). */
process.on('uncaughtException', (error) => {
  if (process.env.COOPSEC_DEBUG) console.error(error);
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

/**
 * Why the file system refused, in words, from Node's error code (the code after it), or the
 * error's own message for a code not listed. `missing`: what ENOENT means where the caller
 * writes (a folder that is not there, or one that cannot be made either).
 */
export function fileSystemReason(error: unknown, missing = 'no such folder'): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOENT: missing,
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'a folder of that name is in the way',
    ENOSPC: 'no space left on the device',
    EEXIST: 'a file is in the way',
  };
  return code && words[code] ? `${words[code]} (${code})` : error instanceof Error ? error.message : String(error);
}
