/**
 * `npm run scenario:new`: a custom era scaffolded from a shipped one validates (a fifth
 * era, an empty history), and bad flags get a clear message and exit 2, no stack trace.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateScenario } from '../../src/core/scenario';

const root = join(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const run = (args: string[]) => {
  const r = spawnSync(tsx, [join(root, 'src/cli/scenarioNew.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('npm run scenario:new', () => {
  it('scaffolds a fifth era from era 2 that validates, with its own id and an empty history', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-new-'));
    const r = run(['--from', 'era2-stability', '--id', 'era5-arctic', '--dir', dir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const data = JSON.parse(readFileSync(join(dir, 'era5-arctic.json'), 'utf8'));
    expect(data).toMatchObject({ id: 'era5-arctic', era: 5, history: { entries: [] } });
    const v = validateScenario(data);
    expect(v.ok, JSON.stringify(v.ok ? [] : v.problems)).toBe(true);
    // a second run without --force refuses to overwrite
    const again = run(['--from', 'era2-stability', '--id', 'era5-arctic', '--dir', dir]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/exists already/);
  });

  it.each([
    [['--id', 'x'], /--from is required/],
    [['--from', 'era9-nowhere', '--id', 'x'], /--from "era9-nowhere" is not a scenario/],
    [['--from', 'era1-enlargement'], /--id is required/],
    [['--from', 'era1-enlargement', '--id', 'Bad Id'], /must be lower-case/],
    [['--from', 'era1-enlargement', '--id', 'x', '--era', 'five'], /--era "five" must be a whole number/],
    [['--from'], /--from needs a value/],
    [['--colour', 'blue'], /unknown argument "--colour"/],
  ])('refuses %j clearly', (args, message) => {
    const r = run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });
});
