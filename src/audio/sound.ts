/**
 * The game's one audio module: UI click, event stinger, turn-end cue and a quiet looping
 * music bed per era, with a master volume and mute remembered between sessions.
 *
 * Every cue is announced to `onCue` listeners with an i18n caption key *before* any audio is
 * attempted, so the UI can show a text equivalent whether the sound is muted, blocked by the
 * browser's autoplay policy, or unavailable altogether. Howler is loaded lazily and every
 * call into it is guarded: sound is decoration, so a failure here must never reach the game.
 */
/// <reference types="vite/client" />
import type { Howl as HowlType, HowlOptions } from 'howler';

export type Cue = 'click' | 'stinger' | 'turnEnd';
export type Era = 1 | 2 | 3 | 4;
/** Anything that can produce a caption: the one-shot cues, and a change of music bed. */
export type SoundEvent = Cue | 'music';
export type CaptionKey = `sound.caption.${Cue}` | `sound.caption.music.era${Era}`;
export type CueListener = (cue: SoundEvent, caption: CaptionKey) => void;

export interface SoundSettings {
  /** Master volume, 0..1. */
  volume: number;
  muted: boolean;
}

export const SOUND_STORAGE_KEY = 'coopsec.sound';
export const DEFAULT_SOUND_SETTINGS: Readonly<SoundSettings> = { volume: 0.7, muted: false };

/** The bed sits well under the cues so it never competes with reading. */
const MUSIC_GAIN = 0.45;
const CROSSFADE_MS = 2500;

const CUE_FILES: Record<Cue, string> = { click: 'click', stinger: 'stinger', turnEnd: 'turn-end' };

// Vite turns each file into a hashed (or inlined) URL; the glob keeps the list in one place.
const BUNDLED: Record<string, string> = import.meta.glob('../../assets/audio/*.{ogg,mp3}', {
  eager: true,
  query: '?url',
  import: 'default',
});

type HowlerModule = typeof import('howler');

let howler: HowlerModule | null = null;
let initPromise: Promise<boolean> | null = null;
let base: string | undefined;
let settings: SoundSettings | null = null;
const listeners = new Set<CueListener>();
const cueHowls = new Map<Cue, HowlType>();
const musicHowls = new Map<Era, HowlType>();
/** The bed the game wants; it starts once Howler has loaded if asked for earlier. */
let wantedEra: Era | null = null;
let playing: { era: Era; howl: HowlType; id: number } | null = null;

/** Reads settings from untrusted storage text; anything missing or malformed falls back to the defaults. */
export function parseSoundSettings(raw: string | null | undefined): SoundSettings {
  let data: unknown;
  try {
    data = raw ? JSON.parse(raw) : null;
  } catch {
    data = null;
  }
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const volume = typeof record.volume === 'number' && Number.isFinite(record.volume) ? clamp01(record.volume) : DEFAULT_SOUND_SETTINGS.volume;
  const muted = typeof record.muted === 'boolean' ? record.muted : DEFAULT_SOUND_SETTINGS.muted;
  return { volume, muted };
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/** localStorage can be absent (Node), or throw on access (privacy modes, sandboxed iframes). */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function prefs(): SoundSettings {
  if (!settings) {
    let raw: string | null = null;
    try {
      raw = storage()?.getItem(SOUND_STORAGE_KEY) ?? null;
    } catch {
      raw = null;
    }
    settings = parseSoundSettings(raw);
  }
  return settings;
}

function save(): void {
  try {
    storage()?.setItem(SOUND_STORAGE_KEY, JSON.stringify(prefs()));
  } catch {
    // Quota or privacy mode: the setting still holds for this session.
  }
}

/** Runs a Howler call, swallowing errors: a broken audio stack must not break the game. */
function quietly(action: () => void): void {
  try {
    action();
  } catch {
    // Intentionally ignored; see the module header.
  }
}

function sources(name: string): { src: string[]; format: string[] } {
  const formats = ['ogg', 'mp3'];
  const src = formats.map((ext) => (base !== undefined ? `${base.replace(/\/$/, '')}/${name}.${ext}` : BUNDLED[`../../assets/audio/${name}.${ext}`]));
  // Format is given explicitly because small files may be inlined as data: URLs without an extension.
  return { src: src.filter((s): s is string => typeof s === 'string'), format: formats };
}

function makeHowl(name: string, options: Partial<HowlOptions>): HowlType | null {
  if (!howler) return null;
  const { Howl } = howler;
  try {
    return new Howl({
      ...sources(name),
      ...options,
      onloaderror: () => undefined,
      onplayerror: () => undefined,
    });
  } catch {
    return null;
  }
}

function emit(cue: SoundEvent, caption: CaptionKey): void {
  for (const listener of [...listeners]) {
    try {
      listener(cue, caption);
    } catch (error) {
      // A faulty caption listener must not silence the others or the sound itself.
      console.error('sound caption listener failed', error);
    }
  }
}

/**
 * Loads Howler and the cues. Safe to call more than once and never rejects; resolves to
 * whether audio is available. `baseUrl` overrides the bundled files (e.g. `/audio` on a CDN).
 */
export function initSound(baseUrl?: string): Promise<boolean> {
  if (initPromise) return initPromise;
  base = baseUrl;
  initPromise = import('howler')
    .then((module) => {
      howler = module;
      const { volume, muted } = prefs();
      quietly(() => {
        module.Howler.autoUnlock = true;
        module.Howler.volume(volume);
        module.Howler.mute(muted);
      });
      for (const cue of Object.keys(CUE_FILES) as Cue[]) {
        const howl = makeHowl(CUE_FILES[cue], { preload: true });
        if (howl) cueHowls.set(cue, howl);
      }
      if (wantedEra !== null) startBed(wantedEra);
      return !module.Howler.noAudio;
    })
    .catch(() => {
      howler = null;
      return false;
    });
  return initPromise;
}

/** Subscribes to captions for every cue; returns the unsubscribe function. */
export function onCue(listener: CueListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** True while the browser still blocks audio until a user gesture. */
function locked(): boolean {
  const state = howler?.Howler.ctx?.state;
  return state === 'suspended';
}

export function playCue(cue: Cue): void {
  emit(cue, `sound.caption.${cue}`);
  // A cue held back by autoplay policy would be meaningless later, so it is dropped, not queued.
  if (prefs().muted || locked()) return;
  const howl = cueHowls.get(cue);
  if (howl) quietly(() => howl.play());
}

function bed(era: Era): HowlType | null {
  let howl = musicHowls.get(era) ?? null;
  if (!howl) {
    howl = makeHowl(`music-era${era}`, { loop: true, volume: MUSIC_GAIN, preload: true });
    if (howl) musicHowls.set(era, howl);
  }
  return howl;
}

function fadeOutCurrent(): void {
  const old = playing;
  playing = null;
  if (!old) return;
  quietly(() => {
    // Howler reads volume(n) as a setter when n is not a live sound id, so check first.
    if (!old.howl.playing(old.id)) {
      old.howl.stop(old.id);
      return;
    }
    const from = old.howl.volume(old.id) as number;
    old.howl.once('fade', () => quietly(() => old.howl.stop(old.id)), old.id);
    old.howl.fade(from, 0, CROSSFADE_MS, old.id);
  });
}

function startBed(era: Era): void {
  if (playing?.era === era) return;
  fadeOutCurrent();
  const howl = bed(era);
  if (!howl) return;
  quietly(() => {
    const id = howl.play();
    howl.volume(0, id);
    howl.fade(0, MUSIC_GAIN, CROSSFADE_MS, id);
    playing = { era, howl, id };
  });
}

/** Cross-fades to the given era's bed, which loops until changed or stopped. */
export function playMusic(era: Era): void {
  if (wantedEra === era) return;
  wantedEra = era;
  emit('music', `sound.caption.music.era${era}`);
  if (howler) startBed(era);
}

export function stopMusic(): void {
  wantedEra = null;
  fadeOutCurrent();
}

export function setVolume(v: number): void {
  if (!Number.isFinite(v)) return;
  prefs().volume = clamp01(v);
  save();
  const volume = prefs().volume;
  if (howler) quietly(() => howler?.Howler.volume(volume));
}

export function setMuted(muted: boolean): void {
  prefs().muted = muted;
  save();
  if (howler) quietly(() => howler?.Howler.mute(muted));
}

export function getSoundSettings(): SoundSettings {
  return { ...prefs() };
}
