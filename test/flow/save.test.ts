/**
 * Save envelopes: versioned, migrated in one place, and never trusted — a damaged, foreign
 * or future save comes back as a reason, not an exception.
 */
import { describe, expect, it } from 'vitest';
import { readSave, migrate, MIGRATIONS, SAVE_VERSION, makeEnvelope, type PersistedFlow } from '../../src/flow/save';

const snapshot = (): PersistedFlow => ({
  status: 'active',
  value: { turn: 'planning' },
  context: { mode: 'single', queue: [], scenarioId: 'era1-enlargement', seed: 1, game: { year: 1996, partners: {}, alliance: {} } as never, draft: null, rejection: null, results: [] },
});

describe('reading saves', () => {
  it('reads back what it wrote', () => {
    const text = JSON.stringify(makeEnvelope(snapshot(), 'turn.planning', new Date('2026-01-01T00:00:00Z')));
    const r = readSave(text);
    expect(r).toMatchObject({ ok: true, envelope: { version: SAVE_VERSION, summary: { scenarioId: 'era1-enlargement', year: 1996, phase: 'turn.planning' } } });
  });

  const bad: [string, string | null, RegExp][] = [
    ['nothing stored', null, /no saved game/],
    ['garbage', '{not json', /not valid JSON/],
    ['another program\'s JSON', '{"hello": 1}', /not a Cooperative Security save/],
    ['a save from a newer game', JSON.stringify({ ...makeEnvelope(snapshot(), 'x'), version: SAVE_VERSION + 1 }), /newer version/],
    ['a save without a version', JSON.stringify({ ...makeEnvelope(snapshot(), 'x'), version: 'one' }), /version/],
    ['a save without its snapshot', JSON.stringify({ ...makeEnvelope(snapshot(), 'x'), snapshot: null }), /no game snapshot/],
    ['a save with a damaged game', JSON.stringify({ ...makeEnvelope(snapshot(), 'x'), snapshot: { ...snapshot(), context: { ...snapshot().context, game: { year: 'x' } } } }), /damaged/],
  ];
  it.each(bad)('%s gives a reason', (_name, text, reason) => {
    const r = readSave(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('migrations', () => {
  it('has a migration for every version below the current one', () => {
    for (let v = 1; v < SAVE_VERSION; v++) expect(MIGRATIONS[v], `migration from ${v}`).toBeTypeOf('function');
  });

  it('runs registered migrations in order up to the target version', () => {
    const envelope = makeEnvelope(snapshot(), 'x') as unknown as Record<string, unknown>;
    MIGRATIONS[1] = (old) => ({ ...old, version: 2, renamed: true });
    MIGRATIONS[2] = (old) => ({ ...old, version: 3, renamedTwice: old.renamed === true });
    try {
      const r = migrate(envelope, 3);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.envelope).toMatchObject({ version: 3, renamed: true, renamedTwice: true });
      delete MIGRATIONS[2];
      expect(migrate(envelope, 3)).toMatchObject({ ok: false, reason: 'no migration from save version 2' });
    } finally {
      delete MIGRATIONS[1];
      delete MIGRATIONS[2];
    }
  });
});
