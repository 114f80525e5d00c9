/**
 * A damaged autosave says it is damaged (QA: `{"snapshot":{"state":{"year":"x"}}}` was
 * reported as "the saved game had already ended"); only a snapshot that says it is done
 * had ended.
 */
import { describe, expect, it } from 'vitest';
import { readSave, SAVE_FORMAT } from '../../src/flow/save';
import { initI18n, t, type ShellKey } from '../../src/i18n/index';

const envelope = (snapshot: unknown) => JSON.stringify({ format: SAVE_FORMAT, version: 1, snapshot });

describe('a save whose snapshot has no status', () => {
  it.each([
    ['the QA tester’s', { state: { year: 'x' } }],
    ['a null status', { status: null, context: { seed: 1, game: null } }],
    ['an unknown status', { status: 'paused', context: { seed: 1, game: null } }],
  ])('is damaged, not ended (%s)', (_, snapshot) => {
    const read = readSave(envelope(snapshot));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.code).toBe('no-status');
    expect(!read.ok && read.reason).toMatch(/damaged/);
  });

  it('that says it is done had ended', () => {
    const read = readSave(envelope({ status: 'done', context: { seed: 1, game: null } }));
    expect(!read.ok && read.code).toBe('not-running');
  });

  it.each([
    ['en', /damaged/, /had already ended/],
    ['fr', /endommagée/, /déjà terminée/],
  ] as const)('says so in %s', (lang, damaged, ended) => {
    initI18n(lang);
    const read = readSave(envelope({ state: { year: 'x' } }));
    if (read.ok) throw new Error('a damaged save was read');
    const text = t(`shell.saveReason.${read.code}` as ShellKey);
    expect(text).toMatch(damaged);
    expect(text).not.toMatch(ended);
  });
});
