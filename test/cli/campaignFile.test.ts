/**
 * The campaign's list of eras (scenarios/campaign.json) given where an era is expected:
 * `scenario:check` and `sim` say in one line what the file is and name the era files to
 * use instead, rather than the scenario schema's wall of problems about every key an era
 * has and the campaign lacks (QA reported eighteen). docs/scenario-authoring.md, "The
 * campaign is not an era".
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, runCli, noStack } from '../support/cli';

const ERA_FILES = ['era1-enlargement', 'era2-stability', 'era3-global', 'era4-after2022'].map((id) => `scenarios/${id}.json`);

/** What a tool printed on stderr: one line, naming the file as a campaign and each era file. */
function oneCampaignLine(err: string, file: string): string {
  const lines = err.trim().split('\n');
  expect(lines, err).toHaveLength(1);
  expect(lines[0]).toContain(`${file} is the campaign's list of eras, not a scenario`);
  expect(lines[0]).not.toMatch(/\$\.\w|problems?\b/);
  noStack(err);
  return lines[0];
}

describe('npm run scenario:check -- scenarios/campaign.json', () => {
  it('says in one line that it is the campaign, names the era files to check instead, and fails', () => {
    const r = runCli('scenarioCheck.ts', ['scenarios/campaign.json']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const line = oneCampaignLine(r.err, 'scenarios/campaign.json');
    expect(line).toContain(`check the era files it lists instead: ${ERA_FILES.join(', ')}`);
  });

  it('prints the line docs/scenario-authoring.md shows', () => {
    const doc = readFileSync(join(root, 'docs/scenario-authoring.md'), 'utf8');
    const shown = /\$ npm run scenario:check -- scenarios\/campaign\.json\n(.*)\n/.exec(doc);
    expect(shown, 'the example is in the page').not.toBeNull();
    expect(runCli('scenarioCheck.ts', ['scenarios/campaign.json']).err).toBe(`${shown![1]}\n`);
  });

  it('checks the era files named beside it as usual', () => {
    const r = runCli('scenarioCheck.ts', ['scenarios/era1-enlargement.json', 'scenarios/campaign.json']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^ok {2}era1-enlargement\.json/m);
    // The era's own warnings (and their count) come as usual; the campaign gets its one line.
    const warnings = /^(scenarios\/era1-enlargement\.json: warning: .*|\d+ warnings? \(.*\))$/;
    oneCampaignLine(r.err.split('\n').filter((l) => !warnings.test(l)).join('\n'), 'scenarios/campaign.json');
  });

  it('knows a campaign by its content under another name, and names the eras beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coopsec-campaign-'));
    const file = join(dir, 'my-eras.json');
    writeFileSync(file, JSON.stringify({ $schema: './campaign.schema.json', id: 'mine', title: { en: 'Mine', fr: 'Les miennes' }, eras: ['era5-blacksea', 'era6-arctic'] }));
    const r = runCli('scenarioCheck.ts', [file]);
    expect(r.code).toBe(1);
    const line = oneCampaignLine(r.err, file);
    expect(line).toContain(`${join(dir, 'era5-blacksea.json')}, ${join(dir, 'era6-arctic.json')}`);
  });
});

describe('npm run sim -- --scenario <the campaign>', () => {
  it.each([
    ['by path', ['--scenario', 'scenarios/campaign.json']],
    ['by path, over many runs', ['--scenario', 'scenarios/campaign.json', '--runs', '10']],
    ['by name', ['--scenario', 'campaign']],
  ])('%s: one line naming the era files to give --scenario, exit 2', (_name, args) => {
    const r = runCli('sim.ts', args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const line = oneCampaignLine(r.err, 'scenarios/campaign.json');
    expect(line).toContain(`give --scenario one of the era files it lists: ${ERA_FILES.join(', ')}`);
  });
});
