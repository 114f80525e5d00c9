/**
 * The examples the documentation gives facilitators run as written: a plan copied from
 * docs/exercise.md ("Plans and MSEL files") into a file plays through `npm run exercise`
 * exactly as a facilitator would run it. An example that fails as printed (QA found one
 * scripting a capital the plan did not seat) teaches the wrong file format.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const exercise = (args: string[]) => {
  const r = spawnSync(tsx, [join(root, 'src/cli/exercise.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** The first ```json block after a heading of a Markdown file, as text. */
function jsonBlockAfter(markdown: string, heading: string): string {
  const at = markdown.indexOf(`\n## ${heading}\n`);
  if (at < 0) throw new Error(`no heading "${heading}"`);
  const block = /```json\n([\s\S]*?)```/.exec(markdown.slice(at));
  if (!block) throw new Error(`no JSON block after "${heading}"`);
  return block[1];
}

describe('docs/exercise.md', () => {
  it("the plan in \"Plans and MSEL files\" runs as written on era 4, playing each scripted role's moves", () => {
    const text = jsonBlockAfter(readFileSync(join(root, 'docs/exercise.md'), 'utf8'), 'Plans and MSEL files');
    const plan = JSON.parse(text) as { seats: Record<string, { held: boolean }>; moves: { role: string; type: string }[] };
    // Every role with scripted moves is seated: the rule the example once broke.
    for (const move of plan.moves) expect(plan.seats[move.role]?.held, move.role).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'coopsec-docs-'));
    const file = join(dir, 'plan.json');
    writeFileSync(file, text);
    const out = join(dir, 'run');
    const r = exercise(['--scenario', 'era4-after2022', '--seed', '2022', '--plan', file, '--seeds', '5', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'exercise.json'), 'utf8')) as { log: { role: string; move: { type: string; reason?: string; rationale?: string } }[] };
    expect(record.log.some((e) => e.role === 'ally:southern-flank' && e.move.type === 'ally.approve')).toBe(true);
    expect(record.log.some((e) => e.role === 'ally:eastern-flank' && e.move.reason === 'Ukraine first')).toBe(true);
    expect(record.log.some((e) => e.move.type === 'white.adjudicate' && e.move.rationale === 'the package reached the units')).toBe(true);
  });
});
