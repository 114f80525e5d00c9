/**
 * Save envelopes: versioned, migrated in one place, and never trusted — a damaged, foreign
 * or future save comes back as a reason, not an exception.
 */
import { describe, expect, it } from 'vitest';
import { readSave, migrate, migrateState, MIGRATIONS, STATE_MIGRATIONS, SAVE_VERSION, makeEnvelope, type PersistedFlow } from '../../src/flow/save';
import { STATE_VERSION } from '../../src/core/state';

const snapshot = (): PersistedFlow => ({
  status: 'active',
  value: { turn: 'planning' },
  context: { mode: 'single', queue: [], scenarioId: 'era1-enlargement', seed: 1, game: { version: STATE_VERSION, year: 1996, partners: {}, alliance: {} } as never, draft: null, rejection: null, results: [] },
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

describe('game state versions (STATE_VERSION)', () => {
  const withState = (game: Record<string, unknown>) => JSON.stringify(makeEnvelope({ ...snapshot(), context: { ...snapshot().context, game: game as never } }, 'x'));

  it('has a state migration for every version below the current one', () => {
    for (let v = 1; v < STATE_VERSION; v++) expect(STATE_MIGRATIONS[v], `state migration from ${v}`).toBeTypeOf('function');
  });

  // One case per state version this game reads: today only version 1, the current one.
  it.each(Array.from({ length: STATE_VERSION }, (_, i) => i + 1))('reads a save whose game state is version %i', (version) => {
    const r = readSave(withState({ version, year: 1996, partners: {}, alliance: {} }));
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) expect(r.envelope.snapshot.context.game?.version).toBe(STATE_VERSION);
  });

  it('refuses a game state from a newer game, and one without a version, with a reason', () => {
    expect(readSave(withState({ version: STATE_VERSION + 1, year: 1996, partners: {}, alliance: {} }))).toMatchObject({ ok: false, code: 'newer-state', reason: expect.stringMatching(/newer version/) });
    expect(readSave(withState({ year: 1996, partners: {}, alliance: {} }))).toMatchObject({ ok: false, code: 'damaged' });
  });

  it('runs state migrations in order, on the flow\'s game and the exercise\'s', () => {
    STATE_MIGRATIONS[1] = (old) => ({ ...old, version: 2, added: 'yes' });
    try {
      expect(migrateState({ version: 1 }, 2)).toEqual({ ok: true, state: { version: 2, added: 'yes' } });
      expect(migrateState({ version: 1 }, 3)).toMatchObject({ ok: false, code: 'no-state-migration' });
    } finally {
      delete STATE_MIGRATIONS[1];
    }
    // The save's own chain reaches the exercise's copy of the state too.
    const text = JSON.stringify(makeEnvelope({ ...snapshot(), context: { ...snapshot().context, exercise: { game: { version: STATE_VERSION + 1 } } as never } }, 'x'));
    expect(readSave(text)).toMatchObject({ ok: false, code: 'newer-state' });
  });

  it('keeps a slot\'s name', () => {
    const r = readSave(JSON.stringify(makeEnvelope(snapshot(), 'x', new Date(), 'Before the vote')));
    expect(r.ok && r.envelope.name).toBe('Before the vote');
  });
});
