/**
 * An exercise on one laptop, kept in the browser's storage after every move
 * (docs/facilitator-guide.md, "If the page is reloaded"): a reload, a crashed tab or a
 * browser closed by mistake brings the facilitator back to the exercise as it stood, with
 * the projector window it had. What is kept is the exercise's record (set-up and log, the
 * same file "Download the record" gives) and the little the console needs around it; the
 * state is rebuilt by replaying the record, so nothing is kept that the rules did not check.
 *
 * One exercise is kept per browser (the newest): a second exercise started on the same
 * laptop takes its place, after the set-up has offered the first one back.
 */
import { parseRecord } from '../../exercise/moves';
import { curtainOf, type Curtain } from './curtain';
import type { ExerciseRecord, RoleId } from '../../exercise/types';
import { LOCAL_SAVE_KEY } from './sessions';

export { LOCAL_SAVE_KEY };

/** A campaign's place: its eras in order, the one being played and the scores of those played. */
export interface CampaignPlace {
  eras: string[];
  index: number;
  scores: number[];
}

/** What is kept of a local exercise. */
export interface LocalSave {
  format: 'coopsec-local-exercise';
  version: 1;
  record: ExerciseRecord;
  /** The projector window's channel, so a projector left open follows the exercise again. */
  projectorId: string;
  /** The role whose screen the laptop showed. */
  seat: RoleId;
  campaign: CampaignPlace | null;
  /** The curtain the laptop is passed round behind, with the seats' PINs hashed (./curtain.ts); absent or null without one. */
  curtain?: Curtain | null;
  /** When it was kept (ISO 8601), to say how old it is. */
  savedAt: string;
}


/** The browser's storage, or null where it is switched off (private windows of some browsers). */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Keeps the exercise; false when the browser would not (storage off or full), which the
 * console says so that the facilitator downloads the record instead.
 */
export function keepLocalExercise(save: Omit<LocalSave, 'format' | 'version'>, store: Storage | null = storage()): boolean {
  if (!store) return false;
  try {
    store.setItem(LOCAL_SAVE_KEY, JSON.stringify({ format: 'coopsec-local-exercise', version: 1, ...save } satisfies LocalSave));
    return true;
  } catch {
    return false;
  }
}

/**
 * The exercise kept in this browser: none, one that reads, or one that does not (said with
 * where it goes wrong; its text stays in storage until the facilitator discards it, so it
 * can still be copied out by hand).
 */
export function readLocalExercise(store: Storage | null = storage()): { kind: 'none' } | { kind: 'ok'; save: LocalSave } | { kind: 'bad'; reason: string; fr: string; text: string } {
  let text: string | null = null;
  try {
    text = store?.getItem(LOCAL_SAVE_KEY) ?? null;
  } catch {
    return { kind: 'none' };
  }
  if (text === null) return { kind: 'none' };
  let data: Partial<LocalSave> | null;
  try {
    data = JSON.parse(text) as Partial<LocalSave> | null;
  } catch (e) {
    return { kind: 'bad', reason: `not JSON (${(e as Error).message})`, fr: `pas du JSON (${(e as Error).message})`, text };
  }
  if (!data || typeof data !== 'object' || data.format !== 'coopsec-local-exercise') return { kind: 'bad', reason: '$.format: not an exercise kept by this game', fr: '$.format\u00a0: pas un exercice gardé par ce jeu', text };
  if (data.version !== 1) return { kind: 'bad', reason: `$.version: unknown version ${String(data.version)}`, fr: `$.version\u00a0: version ${String(data.version)} inconnue`, text };
  const record = parseRecord(data.record);
  if (!record.ok) return { kind: 'bad', reason: record.reason.replace(/^\$/, '$.record'), fr: record.fr.replace(/^\$/, '$.record'), text };
  const campaign = data.campaign ?? null;
  if (campaign !== null && !isCampaign(campaign)) return { kind: 'bad', reason: '$.campaign: not a campaign’s eras, place and scores', fr: '$.campaign\u00a0: pas les époques, la place et les scores d’une campagne', text };
  return {
    kind: 'ok',
    save: {
      format: 'coopsec-local-exercise',
      version: 1,
      record: record.record,
      projectorId: typeof data.projectorId === 'string' && /^[a-z0-9]{1,16}$/.test(data.projectorId) ? data.projectorId : Math.random().toString(36).slice(2, 10),
      seat: typeof data.seat === 'string' ? data.seat : 'white',
      campaign,
      // A curtain whose PINs do not read stays up, its seats choosing new PINs: a damaged keep does not open every seat.
      curtain: data.curtain === undefined || data.curtain === null ? null : (curtainOf(data.curtain) ?? { pins: {} }),
      savedAt: typeof data.savedAt === 'string' ? data.savedAt : '',
    },
  };
}

function isCampaign(c: unknown): c is CampaignPlace {
  const v = c as CampaignPlace;
  return !!v && typeof v === 'object' && Array.isArray(v.eras) && v.eras.every((e) => typeof e === 'string') && Number.isInteger(v.index) && v.index >= 0 && v.index < v.eras.length && Array.isArray(v.scores) && v.scores.every((s) => typeof s === 'number');
}

/** Forgets the exercise kept in this browser (closed by the facilitator, or discarded). */
export function forgetLocalExercise(store: Storage | null = storage()): void {
  try {
    store?.removeItem(LOCAL_SAVE_KEY);
  } catch {
    // Nothing was kept.
  }
}
