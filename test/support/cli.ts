/**
 * Running the project's command-line tools as a user does, for the CLI tests: a tool of
 * src/cli/ under tsx from the repository's root, its exit code and both streams; and the
 * check that what it printed carries no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

export const root = join(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');

/** Runs `src/cli/<script>` with `args` and waits for it (two minutes at most). */
export function runCli(script: string, args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(tsx, [join(root, 'src/cli', script), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** What a tool printed names no source line of its own: a user never sees a stack trace. */
export const noStack = (text: string): void => expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
