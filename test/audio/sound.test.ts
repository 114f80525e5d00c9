/**
 * Behaviour of the audio module against a recording fake of Howler: settings survive reloads
 * and bad storage, captions appear even when muted, and era music cross-fades rather than cuts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Call = { howl: string; method: string; args: unknown[] };

const fake = vi.hoisted(() => {
  const calls: { howl: string; method: string; args: unknown[] }[] = [];
  const instances: { name: string; finishFades(): void }[] = [];
  const global = { volume: [] as number[], mute: [] as boolean[], ctxState: 'running' as string };
  let nextId = 1;
  class Howl {
    readonly name: string;
    readonly options: Record<string, unknown>;
    private live = new Set<number>();
    private fadeHandlers = new Map<number, () => void>();
    constructor(options: { src: string[] } & Record<string, unknown>) {
      this.options = options;
      this.name = String(options.src[0] ?? '').replace(/^.*\//, '');
      calls.push({ howl: this.name, method: 'new', args: [options] });
      instances.push(this);
    }
    play() {
      const id = nextId++;
      this.live.add(id);
      calls.push({ howl: this.name, method: 'play', args: [] });
      return id;
    }
    playing(id: number) {
      return this.live.has(id);
    }
    stop(id: number) {
      this.live.delete(id);
      calls.push({ howl: this.name, method: 'stop', args: [id] });
      return this;
    }
    volume(...args: number[]) {
      if (args.length === 1) return 0.3;
      calls.push({ howl: this.name, method: 'volume', args });
      return this;
    }
    fade(from: number, to: number, ms: number, id: number) {
      calls.push({ howl: this.name, method: 'fade', args: [from, to, ms, id] });
      return this;
    }
    once(event: string, fn: () => void, id: number) {
      if (event === 'fade') this.fadeHandlers.set(id, fn);
      return this;
    }
    /** Test helper: finish every pending fade, as Howler would when the ramp ends. */
    finishFades() {
      for (const fn of this.fadeHandlers.values()) fn();
      this.fadeHandlers.clear();
    }
  }
  const Howler = {
    noAudio: false,
    autoUnlock: false,
    get ctx() {
      return { state: global.ctxState };
    },
    volume: (v: number) => global.volume.push(v),
    mute: (m: boolean) => global.mute.push(m),
  };
  const reset = () => {
    calls.length = 0;
    instances.length = 0;
    global.volume = [];
    global.mute = [];
    global.ctxState = 'running';
  };
  return { calls, instances, global, Howl, Howler, reset };
});

vi.mock('howler', () => ({ Howl: fake.Howl, Howler: fake.Howler }));

class MemoryStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

let store: MemoryStorage;
async function load() {
  vi.resetModules();
  return import('../../src/audio/sound');
}
const plays = (name: string) => fake.calls.filter((c: Call) => c.howl.startsWith(name) && c.method === 'play').length;

beforeEach(() => {
  fake.reset();
  store = new MemoryStorage();
  vi.stubGlobal('localStorage', store);
});
afterEach(() => vi.unstubAllGlobals());

describe('settings', () => {
  it.each([
    ['missing', null],
    ['not JSON', '{volume:'],
    ['wrong types', '{"volume":"loud","muted":"yes"}'],
    ['an array', '[1,2]'],
    ['NaN volume', '{"volume":null}'],
  ])('falls back to defaults when storage is %s', async (_label, raw) => {
    if (raw !== null) store.setItem('coopsec.sound', raw);
    const sound = await load();
    expect(sound.getSoundSettings()).toEqual(sound.DEFAULT_SOUND_SETTINGS);
  });

  it('clamps an out-of-range stored volume', async () => {
    const { parseSoundSettings } = await load();
    expect(parseSoundSettings('{"volume":7,"muted":true}')).toEqual({ volume: 1, muted: true });
    expect(parseSoundSettings('{"volume":-2}').volume).toBe(0);
  });

  it('remembers volume and mute across a reload and applies them to Howler', async () => {
    let sound = await load();
    sound.setVolume(0.25);
    sound.setMuted(true);
    sound = await load();
    expect(sound.getSoundSettings()).toEqual({ volume: 0.25, muted: true });
    await sound.initSound();
    expect(fake.global.volume.at(-1)).toBe(0.25);
    expect(fake.global.mute.at(-1)).toBe(true);
  });

  it('survives a localStorage that throws', async () => {
    vi.stubGlobal('localStorage', {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('QuotaExceeded');
      },
    });
    const sound = await load();
    expect(() => sound.setVolume(0.5)).not.toThrow();
    expect(sound.getSoundSettings().volume).toBe(0.5);
  });
});

describe('cues', () => {
  it('captions every cue, muted or not, but only sounds it when unmuted', async () => {
    const sound = await load();
    await sound.initSound();
    const seen: string[] = [];
    const off = sound.onCue((cue, caption) => seen.push(`${cue}:${caption}`));
    sound.playCue('stinger');
    sound.setMuted(true);
    sound.playCue('turnEnd');
    off();
    sound.playCue('click');
    expect(seen).toEqual(['stinger:sound.caption.stinger', 'turnEnd:sound.caption.turnEnd']);
    expect(plays('stinger')).toBe(1);
    expect(plays('turn-end')).toBe(0);
  });

  it('drops cues while the browser still blocks audio instead of queueing them', async () => {
    const sound = await load();
    await sound.initSound();
    fake.global.ctxState = 'suspended';
    sound.playCue('click');
    expect(plays('click')).toBe(0);
  });

  it('loads from a base URL when given one, OGG first then MP3', async () => {
    const sound = await load();
    await sound.initSound('/cdn/audio/');
    const created = fake.calls.find((c: Call) => c.method === 'new')!.args[0] as { src: string[]; format: string[] };
    expect(created.src).toEqual(['/cdn/audio/click.ogg', '/cdn/audio/click.mp3']);
    expect(created.format).toEqual(['ogg', 'mp3']);
  });

  it('uses bundled file URLs by default', async () => {
    const sound = await load();
    await sound.initSound();
    const created = fake.calls.filter((c: Call) => c.method === 'new').map((c: Call) => (c.args[0] as { src: string[] }).src);
    expect(created).toHaveLength(3);
    for (const src of created) {
      expect(src).toHaveLength(2);
      expect(src[0]).toMatch(/\.ogg$|^data:/);
      expect(src[1]).toMatch(/\.mp3$|^data:/);
    }
  });

  it('keeps a failing caption listener from stopping the others', async () => {
    const sound = await load();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: string[] = [];
    sound.onCue(() => {
      throw new Error('boom');
    });
    sound.onCue((cue) => seen.push(cue));
    expect(() => sound.playCue('click')).not.toThrow();
    expect(seen).toEqual(['click']);
    expect(errors).toHaveBeenCalled();
  });
});

describe('music', () => {
  it('cross-fades from one era bed to the next and stops the old one after the fade', async () => {
    const sound = await load();
    await sound.initSound();
    sound.playMusic(1);
    sound.playMusic(1); // same era again: no restart
    expect(plays('music-era1')).toBe(1);
    sound.playMusic(2);
    const fades = fake.calls.filter((c: Call) => c.method === 'fade');
    expect(fades.map((f: Call) => [f.howl.replace(/\..*$/, ''), f.args[1]])).toEqual([
      ['music-era1', 0.45],
      ['music-era1', 0],
      ['music-era2', 0.45],
    ]);
    const era1 = fake.calls.find((c: Call) => c.method === 'new' && c.howl.startsWith('music-era1'))!;
    expect((era1.args[0] as { loop: boolean }).loop).toBe(true);
    expect(fake.calls.some((c: Call) => c.method === 'stop')).toBe(false);
    fake.instances.find((h) => h.name.startsWith('music-era1'))!.finishFades();
    expect(fake.calls.filter((c: Call) => c.method === 'stop').map((c: Call) => c.howl.replace(/\..*$/, ''))).toEqual(['music-era1']);
  });

  it('starts the wanted bed once Howler has loaded if asked for earlier', async () => {
    const sound = await load();
    sound.playMusic(3);
    expect(plays('music-era3')).toBe(0);
    await sound.initSound();
    expect(plays('music-era3')).toBe(1);
  });

  it('captions a change of bed and fades out on stop', async () => {
    const sound = await load();
    await sound.initSound();
    const seen: string[] = [];
    sound.onCue((_cue, caption) => seen.push(caption));
    sound.playMusic(4);
    sound.stopMusic();
    expect(seen).toEqual(['sound.caption.music.era4']);
    const last = fake.calls.filter((c: Call) => c.method === 'fade').at(-1)!;
    expect(last.howl).toMatch(/^music-era4/);
    expect(last.args[1]).toBe(0);
  });
});
