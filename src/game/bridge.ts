/**
 * The one place the browser holds the flow actor: it loads the bundled scenarios, starts
 * or restores the statechart, autosaves at every phase, and offers scenes (and the
 * automation API) a small surface — read the snapshot, send an event and learn whether it
 * was accepted and why not. Scenes never touch the actor directly.
 */
import { createActor, type Actor, type AnyStateNode, type SnapshotFrom, type StateValue } from 'xstate';
import { createFlowMachine, phaseOf, type FlowEvent, type FlowMachine } from '../flow/machine';
import { makeEnvelope, readSave, type PersistedFlow } from '../flow/save';
import type { LocalizedText, Scenario } from '../core/scenario';
import { ScenarioCatalogue } from './catalogue';

export type SendResult = { ok: true } | { ok: false; reason: string; code?: string; params?: Record<string, number | string> };
export type FlowSnapshot = SnapshotFrom<FlowMachine>;

export const SAVE_KEY = 'coopsec.save';
const ASIDE_PREFIX = 'coopsec.save.unreadable.';
/** Named save slots live under `coopsec.slot.1` … `coopsec.slot.<SLOT_COUNT>`; the autosave is slot 0. */
export const SLOT_PREFIX = 'coopsec.slot.';
export const SLOT_COUNT = 5;
/** What a slot whose save could not be read holds once its text is kept aside. */
const UNREADABLE_MARK = 'coopsec-slot-unreadable';

/** One line of the save/load lists: slot 0 is the autosave. */
export interface SlotInfo {
  index: number;
  key: string;
  state: 'empty' | 'ok' | 'corrupt';
  name?: string;
  scenarioId?: string | null;
  year?: number | null;
  phase?: string;
  savedAt?: string;
  /** For a corrupt slot: why, and the key its text was kept under. */
  problem?: { code: string; reason: string; params?: Record<string, number>; aside: string };
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export class Bridge {
  readonly catalogue: ScenarioCatalogue;
  private machine: FlowMachine;
  private actor: Actor<FlowMachine>;
  private listeners = new Set<(snap: FlowSnapshot) => void>();
  private lastPhase = '';
  /** Set when a stored save could not be read; the title screen shows it (translated by code). */
  saveProblem: { code: string; reason: string; params?: Record<string, number> } | null = null;

  /** `files`: scenario file name → parsed JSON, as the Preloader fetched them. */
  constructor(files: Readonly<Record<string, unknown>>) {
    // Validated on first use or when idle after the title is up (see catalogue.ts).
    this.catalogue = new ScenarioCatalogue(files);
    this.machine = createFlowMachine(this.catalogue);
    this.actor = this.spawn();
  }

  private spawn(snapshot?: PersistedFlow): Actor<FlowMachine> {
    const actor = snapshot
      ? createActor(this.machine, { snapshot: snapshot as never })
      : createActor(this.machine);
    actor.subscribe((snap) => this.onSnapshot(snap));
    actor.start();
    return actor;
  }

  private onSnapshot(snap: FlowSnapshot): void {
    const phase = phaseOf(snap.value);
    if (phase !== this.lastPhase) {
      this.lastPhase = phase;
      if (phase !== 'title') this.autosave();
    } else if (phase !== 'title' && snap.context !== this.lastContext) {
      // Edits within a phase (the planning draft, event answers) are saved too, a moment
      // later, so a reload loses nothing; typing in an amount does not write on every key.
      this.scheduleAutosave();
    }
    this.lastContext = snap.context;
    for (const listener of this.listeners) listener(snap);
  }

  private lastContext: unknown = null;
  private pendingSave: ReturnType<typeof setTimeout> | null = null;

  private scheduleAutosave(): void {
    if (this.pendingSave) clearTimeout(this.pendingSave);
    this.pendingSave = setTimeout(() => {
      this.pendingSave = null;
      this.autosave();
    }, 400);
  }

  /** Problems found in the scenario files so far (all of them once `catalogue.settled`). */
  get scenarioProblems(): readonly LocalizedText[] {
    return this.catalogue.problems;
  }

  snapshot(): FlowSnapshot {
    return this.actor.getSnapshot();
  }

  phase(): string {
    return phaseOf(this.snapshot().value);
  }

  scenario(): Scenario | null {
    const id = this.snapshot().context.scenarioId;
    return id ? this.catalogue.scenarios[id] ?? null : null;
  }

  /** Event types the flow accepts in its current state. */
  actions(): string[] {
    // Walks the machine's public state nodes along the snapshot's value (XState's private
    // `_nodes` is not an API): the active nodes are the root and each one the value names.
    const types = new Set<string>();
    const visit = (node: AnyStateNode | undefined, value: StateValue | undefined): void => {
      if (!node) return;
      for (const type of node.ownEvents) if (!type.startsWith('xstate.')) types.add(type);
      if (typeof value === 'string') visit(node.states[value], undefined);
      else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) visit(node.states[key], inner as StateValue);
    };
    visit(this.machine.root, this.snapshot().value);
    return [...types].sort();
  }

  /** Sends an event; `ok: false` with the reason when the flow refused it or the rules rejected it. */
  send(event: FlowEvent): SendResult {
    if (!event || typeof event !== 'object' || typeof (event as { type?: unknown }).type !== 'string') {
      return { ok: false, reason: 'an event needs a "type"' };
    }
    const before = this.snapshot();
    if (!before.can(event)) {
      return { ok: false, reason: `"${event.type}" is not possible in ${phaseOf(before.value)}` };
    }
    try {
      this.actor.send(event);
    } catch (error) {
      return { ok: false, reason: `the game could not process "${event.type}": ${(error as Error).message}` };
    }
    const after = this.snapshot();
    if (after.context.rejection && after.context.rejection !== before.context.rejection) {
      return { ok: false, reason: after.context.rejection.reason };
    }
    return { ok: true };
  }

  subscribe(listener: (snap: FlowSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The save envelope of the current game, as text. */
  exportSave(): string {
    const persisted = this.actor.getPersistedSnapshot() as unknown as PersistedFlow;
    return JSON.stringify(makeEnvelope(persisted, this.phase()));
  }

  autosave(): void {
    if (this.pendingSave) {
      clearTimeout(this.pendingSave);
      this.pendingSave = null;
    }
    const store = storage();
    if (!store || !this.snapshot().context.game) return;
    try {
      store.setItem(SAVE_KEY, this.exportSave());
    } catch {
      // Storage full or disabled: the game goes on; export still works.
    }
  }

  /** What Continue would load, or null (a damaged save is moved aside and reported). */
  storedSave(): { scenarioId: string | null; year: number | null; phase: string; savedAt: string } | null {
    const store = storage();
    const text = store?.getItem(SAVE_KEY);
    if (!text) return null;
    const result = readSave(text);
    if (!result.ok) {
      this.setAside(text, result);
      return null;
    }
    return { ...result.envelope.summary, savedAt: result.envelope.savedAt };
  }

  /** Keeps unreadable save text under another key instead of deleting it. */
  private setAside(text: string, problem: { code: string; reason: string; params?: Record<string, number> }): void {
    const store = storage();
    this.saveProblem = { code: problem.code, reason: problem.reason, params: problem.params };
    if (!store) return;
    try {
      store.setItem(`${ASIDE_PREFIX}${Date.now()}`, text);
      store.removeItem(SAVE_KEY);
    } catch {
      // If it cannot be copied, leave it where it is rather than lose it.
    }
  }

  /** Storage key of slot `index` (0: the autosave). */
  slotKey(index: number): string {
    return index === 0 ? SAVE_KEY : `${SLOT_PREFIX}${index}`;
  }

  /**
   * The autosave and every named slot, with what each holds. A slot whose save cannot be
   * read is listed as corrupt: its text is kept under `coopsec.save.unreadable.<time>` and
   * the slot holds a mark naming why and where, until the player saves over it.
   */
  listSlots(): SlotInfo[] {
    const store = storage();
    const out: SlotInfo[] = [];
    for (let index = 0; index <= SLOT_COUNT; index++) {
      const key = this.slotKey(index);
      const text = store?.getItem(key) ?? null;
      if (!text) {
        out.push({ index, key, state: 'empty' });
        continue;
      }
      const mark = unreadableMark(text);
      if (mark) {
        out.push({ index, key, state: 'corrupt', problem: mark });
        continue;
      }
      const result = readSave(text);
      if (!result.ok) {
        const aside = `${ASIDE_PREFIX}${Date.now()}.${index}`;
        const problem = { code: result.code, reason: result.reason, params: result.params, aside };
        try {
          store?.setItem(aside, text);
          // The autosave's key is read by Continue: cleared, as the title screen does; a slot keeps the mark.
          if (index === 0) {
            store?.removeItem(key);
            this.saveProblem = { code: result.code, reason: result.reason, params: result.params };
          } else store?.setItem(key, JSON.stringify({ format: UNREADABLE_MARK, ...problem }));
        } catch {
          // Could not copy it: leave the text where it is rather than lose it.
        }
        out.push({ index, key, state: 'corrupt', problem });
        continue;
      }
      const e = result.envelope;
      out.push({ index, key, state: 'ok', name: e.name, scenarioId: e.summary.scenarioId, year: e.summary.year, phase: e.summary.phase, savedAt: e.savedAt });
    }
    return out;
  }

  /** Saves the current game in named slot `index` (1…SLOT_COUNT); the caller asks before overwriting. */
  saveToSlot(index: number, name: string): SendResult {
    if (!Number.isInteger(index) || index < 1 || index > SLOT_COUNT) return { ok: false, reason: `there is no save slot ${index} (slots are 1–${SLOT_COUNT})` };
    if (!this.snapshot().context.game) return { ok: false, reason: 'there is no game in progress to save', code: 'no-game' };
    const store = storage();
    if (!store) return { ok: false, reason: 'this browser keeps no storage for saves', code: 'no-storage' };
    const persisted = this.actor.getPersistedSnapshot() as unknown as PersistedFlow;
    try {
      store.setItem(this.slotKey(index), JSON.stringify(makeEnvelope(persisted, this.phase(), new Date(), name.trim().slice(0, 60) || undefined)));
    } catch (error) {
      return { ok: false, reason: `the browser refused to store the save: ${(error as Error).message}`, code: 'storage-full' };
    }
    return { ok: true };
  }

  /** Loads slot `index` (0: the autosave); the current game is kept if it fails. */
  loadSlot(index: number): SendResult {
    const text = storage()?.getItem(this.slotKey(index));
    if (!text || unreadableMark(text)) return { ok: false, reason: 'this slot holds no readable save', code: 'empty' };
    return index === 0 ? this.load() : this.load(text);
  }

  /** Restores a save (stored when `text` is omitted); the current game is kept if it fails. */
  load(text?: string): SendResult {
    const source = text ?? storage()?.getItem(SAVE_KEY) ?? null;
    const result = readSave(source);
    if (!result.ok) {
      if (text === undefined && source) this.setAside(source, result);
      return { ok: false, reason: result.reason, code: result.code, params: result.params };
    }
    const id = result.envelope.snapshot.context.scenarioId;
    if (id && !this.catalogue.scenarios[id]) {
      return { ok: false, reason: `the save is for a scenario this game does not have ("${id}")`, code: 'unknown-scenario', params: { id } };
    }
    const previous = this.actor;
    try {
      this.lastPhase = '';
      this.actor = this.spawn(result.envelope.snapshot);
    } catch (error) {
      this.actor = previous;
      return { ok: false, reason: `the save could not be restored: ${(error as Error).message}` };
    }
    previous.stop();
    for (const listener of this.listeners) listener(this.snapshot());
    // A game loaded from a slot or a file becomes the autosave at once: Continue and a reload return to it, not to the game before.
    if (text !== undefined) this.autosave();
    return { ok: true };
  }
}

function unreadableMark(text: string): SlotInfo['problem'] | null {
  if (!text.includes(UNREADABLE_MARK)) return null;
  try {
    const mark = JSON.parse(text) as { format?: string; code?: string; reason?: string; params?: Record<string, number>; aside?: string };
    return mark.format === UNREADABLE_MARK ? { code: mark.code ?? 'damaged', reason: mark.reason ?? '', params: mark.params, aside: mark.aside ?? '' } : null;
  } catch {
    return null;
  }
}

let bridge: Bridge | null = null;

/** Creates the bridge once the scenario files are in (the Preloader calls it). */
export function initBridge(files: Readonly<Record<string, unknown>>): Bridge {
  bridge = new Bridge(files);
  return bridge;
}

export function hasBridge(): boolean {
  return bridge !== null;
}

export function getBridge(): Bridge {
  if (!bridge) throw new Error('the game is still loading its scenarios (the bridge starts in the Preloader)');
  return bridge;
}
