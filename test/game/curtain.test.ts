/**
 * The curtain's rules (src/game/exercise/curtain.ts): a PIN is 4 to 12 digits, chosen twice
 * alike, kept hashed with its seat (one team's PIN does not open another's seat), and a kept
 * curtain that does not read stays up rather than opening every seat.
 */
import { describe, expect, it } from 'vitest';
import { behindCurtain, curtainOf, pinHash, pinProblem, validPin } from '../../src/game/exercise/curtain';
import { keepLocalExercise, readLocalExercise } from '../../src/game/exercise/localSave';
import { createExercise, defaultSetup, recordOf } from '../../src/exercise/engine';
import { era } from '../exercise/support';

class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

describe('the curtain of a laptop passed round', () => {
  it('asks for 4 to 12 digits, the same twice the first time, and the seat’s own PIN after', () => {
    expect(['123', '12345678901234', '12a4', ''].map(validPin)).toEqual([false, false, false, false]);
    expect(['1234', '000000000000'].map(validPin)).toEqual([true, true]);
    const curtain = { pins: {} as Record<string, string> };
    expect(pinProblem(curtain, 'nato', '12', '12')).toBe('badPin');
    expect(pinProblem(curtain, 'nato', '1234', '1243')).toBe('mismatch');
    expect(pinProblem(curtain, 'nato', '1234', '1234')).toBeNull();
    curtain.pins.nato = pinHash('nato', '1234');
    expect(pinProblem(curtain, 'nato', '4321', '4321')).toBe('wrong');
    expect(pinProblem(curtain, 'nato', '1234', '')).toBeNull();
  });

  it('keeps PINs hashed with their seat: the same PIN reads differently on another seat, and never as itself', () => {
    expect(pinHash('nato', '1234')).toBe(pinHash('nato', '1234'));
    expect(pinHash('nato', '1234')).not.toBe(pinHash('white', '1234'));
    expect(pinHash('nato', '1234')).not.toContain('1234');
    const curtain = { pins: { white: pinHash('white', '1234') } };
    expect(pinProblem(curtain, 'white', '1234', '')).toBeNull();
    expect(pinProblem({ pins: { 'ally:south': pinHash('nato', '1234') } }, 'ally:south', '1234', '')).toBe('wrong');
  });

  it('puts every seat but the projector’s behind it, and none without it', () => {
    expect(behindCurtain({ pins: {} }, 'nato')).toBe(true);
    expect(behindCurtain({ pins: {} }, 'white')).toBe(true);
    expect(behindCurtain({ pins: {} }, 'observer')).toBe(false);
    expect(behindCurtain(null, 'nato')).toBe(false);
  });

  it('is kept beside the exercise and read back; a damaged one stays up with no PINs', () => {
    const scenario = era('era1-enlargement');
    const record = recordOf(createExercise(scenario, defaultSetup(scenario, { seed: 2, seats: { white: { held: true }, nato: { held: true } } })));
    const store = new MemoryStorage() as unknown as Storage;
    const pins = { white: pinHash('white', '1234') };
    keepLocalExercise({ record, projectorId: 'p1', seat: 'nato', campaign: null, curtain: { pins }, savedAt: '2026-12-06T09:00:00.000Z' }, store);
    const kept = readLocalExercise(store);
    expect(kept.kind === 'ok' && kept.save.curtain).toEqual({ pins });
    const text = JSON.parse(store.getItem('coopsec.exercise.local')!);
    expect(JSON.stringify(text.record)).not.toMatch(/pins|curtain/);
    store.setItem('coopsec.exercise.local', JSON.stringify({ ...text, curtain: { pins: 'garbled' } }));
    const damaged = readLocalExercise(store);
    expect(damaged.kind === 'ok' && damaged.save.curtain).toEqual({ pins: {} });
    store.setItem('coopsec.exercise.local', JSON.stringify({ ...text, curtain: undefined }));
    const none = readLocalExercise(store);
    expect(none.kind === 'ok' && none.save.curtain).toBeNull();
    expect(curtainOf({ pins: { nato: 'UPPER CASE!' } })).toEqual({ pins: {} });
  });
});
