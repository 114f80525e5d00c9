#!/usr/bin/env node
/**
 * Synthesises every sound the game plays (UI click, event stinger, turn-end cue and one
 * quiet music bed per era) and compresses them into assets/audio/ as OGG Vorbis and MP3.
 *
 * Nothing is downloaded: the sounds are additive synthesis from a seeded PRNG, so the same
 * script always yields the same audio and its licence is the project's own. The compressed
 * files are committed; this script (and its encoders) is only needed to change or
 * regenerate them.
 *
 * Encoders, needed only to regenerate: `oggenc` (vorbis-tools) and `lame`, or else `ffmpeg`
 * with libvorbis and libmp3lame. On Debian: `apt-get install -y vorbis-tools lame`.
 *
 * Usage: node scripts/make-sounds.mjs [--wav-dir DIR] [--wav-only]
 *   --wav-dir DIR  keep the intermediate 16-bit WAV files in DIR (default: a temp dir, deleted)
 *   --wav-only     write the WAV files and skip compression (implies keeping them)
 *
 * Music beds are mono at 22.05 kHz and low bitrate: they sit under speech-free play at low
 * volume, and the whole audio folder must stay well under 1.5 MB for the web build. Each bed
 * is rendered on a circular buffer (note tails past the end wrap to the start), so it loops
 * without a seam or a click.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'assets', 'audio');

const CUE_RATE = 44100;
const MUSIC_RATE = 22050;
const TAU = Math.PI * 2;

// ---------------------------------------------------------------------------------------
// Building blocks

/** Small seeded PRNG (mulberry32) so noise, and therefore the output files, are reproducible. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mtof = (midi) => 440 * 2 ** ((midi - 69) / 12);
const dbToGain = (db) => 10 ** (db / 20);

/** A mono sample buffer; in loop mode writes past the end wrap round to the start. */
function track(seconds, rate, loop = false) {
  const data = new Float64Array(Math.round(seconds * rate));
  return {
    rate,
    data,
    loop,
    add(index, value) {
      if (loop) data[((index % data.length) + data.length) % data.length] += value;
      else if (index >= 0 && index < data.length) data[index] += value;
    },
  };
}

/** Raised-cosine attack / sustain / release envelope: smooth ends avoid clicks. */
function envelope(t, dur, attack, release) {
  if (t < 0 || t > dur) return 0;
  if (t < attack) return 0.5 - 0.5 * Math.cos((Math.PI * t) / attack);
  if (t > dur - release) return 0.5 - 0.5 * Math.cos((Math.PI * (dur - t)) / release);
  return 1;
}

/**
 * A slow pad note: a few slightly detuned voices, each a stack of harmonics falling off
 * with `rolloff`, so it sounds like soft strings or a warm synth rather than a sine beep.
 */
function pad(tr, start, dur, midi, opts = {}) {
  const { gain = 0.1, attack = 1.5, release = 2, harmonics = 6, rolloff = 1.6, detune = 0.004, voices = 3 } = opts;
  const f0 = mtof(midi);
  const n0 = Math.round(start * tr.rate);
  const n = Math.round(dur * tr.rate);
  const partials = [];
  for (let v = 0; v < voices; v++) {
    const spread = voices === 1 ? 0 : (v / (voices - 1) - 0.5) * 2 * detune;
    for (let h = 1; h <= harmonics; h++) {
      const f = f0 * h * (1 + spread);
      if (f > tr.rate / 2.2) break;
      partials.push({ w: (TAU * f) / tr.rate, a: gain / voices / h ** rolloff, p: (v * 1.7 + h * 0.9) % TAU });
    }
  }
  for (let i = 0; i < n; i++) {
    const e = envelope(i / tr.rate, dur, attack, release);
    if (e === 0) continue;
    let s = 0;
    for (const q of partials) s += q.a * Math.sin(q.w * i + q.p);
    tr.add(n0 + i, s * e);
  }
}

/** A struck note (bell, marimba, soft pluck): partials at given ratios, each decaying exponentially. */
function strike(tr, start, midi, opts = {}) {
  const { gain = 0.1, decay = 0.6, ratios = [1, 2.76, 5.4], weights = [1, 0.35, 0.12], dur = decay * 6, attack = 0.004 } = opts;
  const f0 = mtof(midi);
  const n0 = Math.round(start * tr.rate);
  const n = Math.round(dur * tr.rate);
  for (let i = 0; i < n; i++) {
    const t = i / tr.rate;
    const a = t < attack ? t / attack : 1;
    const fade = envelope(t, dur, 0.0001, Math.min(0.3, dur / 3));
    let s = 0;
    for (let k = 0; k < ratios.length; k++) {
      const f = f0 * ratios[k];
      if (f > tr.rate / 2.2) continue;
      // Upper partials die away faster, as on a real bar or bell.
      s += weights[k] * Math.exp(-t / (decay / (1 + k * 0.8))) * Math.sin(TAU * f * t);
    }
    tr.add(n0 + i, gain * a * fade * s);
  }
}

/** A constant drone whose frequency is nudged to a whole number of cycles per loop, so it loops seamlessly. */
function drone(tr, midi, gain, harmonics = 3) {
  const seconds = tr.data.length / tr.rate;
  const f = Math.round(mtof(midi) * seconds) / seconds;
  for (let i = 0; i < tr.data.length; i++) {
    let s = 0;
    for (let h = 1; h <= harmonics; h++) s += Math.sin((TAU * f * h * i) / tr.rate) / h ** 2;
    tr.data[i] += gain * s;
  }
}

/**
 * Soft wind: low-passed noise swelling `swells` times per loop. The noise is rendered a
 * little longer than the loop and its tail cross-faded onto its head so it wraps without a seam.
 */
function wind(tr, gain, cutoff, swells, seed) {
  const random = rng(seed);
  const len = tr.data.length;
  const fadeLen = Math.round(tr.rate * 2);
  const noise = new Float64Array(len + fadeLen);
  const k = 1 - Math.exp((-TAU * cutoff) / tr.rate);
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < noise.length; i++) {
    y1 += k * (random() * 2 - 1 - y1);
    y2 += k * (y1 - y2);
    noise[i] = y2;
  }
  for (let i = 0; i < len; i++) {
    let s = noise[i];
    if (i < fadeLen) {
      const x = i / fadeLen;
      s = noise[i] * Math.sin((x * Math.PI) / 2) + noise[len + i] * Math.cos((x * Math.PI) / 2);
    }
    const swell = 0.6 + 0.4 * Math.sin((TAU * swells * i) / len);
    tr.data[i] += gain * 8 * s * swell;
  }
}

/** Scales a buffer so its peak sits at `peakDb` dBFS (headroom for the lossy encoders' overshoot). */
function normalise(tr, peakDb) {
  let peak = 0;
  for (const v of tr.data) peak = Math.max(peak, Math.abs(v));
  if (peak === 0) throw new Error('silent buffer');
  const g = dbToGain(peakDb) / peak;
  for (let i = 0; i < tr.data.length; i++) tr.data[i] *= g;
  return tr;
}

/** Short fades at both ends of one-shot cues, so they never start or stop with a click. */
function fadeEnds(tr, seconds = 0.01) {
  const n = Math.round(seconds * tr.rate);
  for (let i = 0; i < n; i++) {
    tr.data[i] *= i / n;
    tr.data[tr.data.length - 1 - i] *= i / n;
  }
  return tr;
}

function wavBytes(tr) {
  const samples = tr.data.length;
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(tr.rate, 24);
  buf.writeUInt32LE(tr.rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const v = Math.max(-1, Math.min(1, tr.data[i]));
    buf.writeInt16LE(Math.round(v * 32767), 44 + i * 2);
  }
  return buf;
}

// ---------------------------------------------------------------------------------------
// The cues

function click() {
  const tr = track(0.06, CUE_RATE);
  const random = rng(7);
  let lp = 0;
  for (let i = 0; i < tr.data.length; i++) {
    const t = i / tr.rate;
    // A rounded "tock": a short decaying tone plus a breath of low-passed noise, no sharp tick.
    lp += 0.25 * (random() * 2 - 1 - lp);
    tr.data[i] = Math.exp(-t / 0.008) * (0.8 * Math.sin(TAU * 1250 * t) + 0.3 * Math.sin(TAU * 2600 * t)) + Math.exp(-t / 0.003) * 0.5 * lp;
  }
  return normalise(fadeEnds(tr, 0.002), -8);
}

function stinger() {
  const tr = track(1.2, CUE_RATE);
  // F major in an open, low brass voicing: firm but not triumphant.
  const chord = [41, 48, 53, 57, 60];
  chord.forEach((midi, v) => {
    const f0 = mtof(midi) * (1 + (v - 2) * 0.0015);
    let phase = 0;
    for (let i = 0; i < tr.data.length; i++) {
      const t = i / tr.rate;
      // Swell to 0.55 s then fall away: brass brightens as it gets louder.
      const env = t < 0.55 ? Math.sin((Math.PI / 2) * (t / 0.55)) ** 2 : Math.exp(-(t - 0.55) / 0.28);
      const vibrato = 1 + 0.003 * Math.sin(TAU * 5.2 * t) * Math.min(1, t / 0.5);
      phase += (TAU * f0 * vibrato) / tr.rate;
      let s = 0;
      for (let h = 1; h <= 12; h++) {
        if (f0 * h > tr.rate / 2.2) break;
        s += (Math.sin(phase * h) / h) * env ** (1 + (h - 1) * 0.45);
      }
      tr.data[i] += 0.16 * s * env;
    }
  });
  // A soft timpani-like thump under the swell's start.
  for (let i = 0; i < tr.data.length; i++) {
    const t = i / tr.rate;
    tr.data[i] += 0.35 * Math.exp(-t / 0.25) * Math.sin(TAU * (87 + 25 * Math.exp(-t / 0.05)) * t);
  }
  return normalise(fadeEnds(tr, 0.02), -3);
}

function turnEnd() {
  const tr = track(0.8, CUE_RATE);
  // A falling fourth (E5 → B4) on a soft marimba: "this turn is done".
  const marimba = { ratios: [1, 4, 9.2], weights: [1, 0.25, 0.06], decay: 0.28, dur: 0.58 };
  strike(tr, 0.0, 76, { ...marimba, gain: 0.5 });
  strike(tr, 0.2, 71, { ...marimba, gain: 0.55, dur: 0.6 });
  return normalise(fadeEnds(tr, 0.01), -4);
}

// ---------------------------------------------------------------------------------------
// The music beds: one mood per era, each a seamless loop

/** Chords as MIDI notes, each held for `bar` seconds with long overlapping tails. */
function progression(tr, chords, bar, padOpts) {
  chords.forEach((notes, c) => {
    for (const midi of notes) pad(tr, c * bar, bar + 1.5, midi, padOpts);
  });
}

/** 1990s: hopeful. D major, warm pads and an unhurried rising bell arpeggio. */
function era1() {
  const bar = 6;
  const tr = track(bar * 4, MUSIC_RATE, true);
  const chords = [
    [50, 57, 61, 64, 66], // Dmaj9
    [47, 54, 57, 62, 66], // Bm7/add11 colour
    [43, 50, 54, 59, 62], // Gmaj7
    [45, 52, 57, 62, 64], // Asus4 (resolves on the loop back to D)
  ];
  progression(tr, chords, bar, { gain: 0.05, attack: 2.2, release: 2.5, rolloff: 1.5 });
  chords.forEach((notes, c) => pad(tr, c * bar, bar + 1, notes[0] - 12, { gain: 0.07, attack: 1.5, release: 2, harmonics: 3, rolloff: 2 }));
  chords.forEach((notes, c) => {
    [1, 2, 3, 4].forEach((k, j) => strike(tr, c * bar + 0.5 + j * 1.4, notes[k] + 12, { gain: 0.035, decay: 0.9 }));
  });
  return normalise(tr, -6);
}

/** 2000s: tense, desert. A low D drone, Phrygian chords, wind and a slow muffled drum. */
function era2() {
  const bar = 6;
  const tr = track(bar * 4, MUSIC_RATE, true);
  drone(tr, 38, 0.06);
  drone(tr, 45, 0.03);
  const chords = [
    [50, 53, 57], // Dm
    [51, 55, 58], // Eb: the flat second gives the unease
    [50, 53, 57, 62], // Dm
    [48, 52, 55, 60], // C
  ];
  progression(tr, chords, bar, { gain: 0.045, attack: 2.5, release: 2.5, rolloff: 1.9, detune: 0.006 });
  wind(tr, 0.05, 500, 2, 11);
  // Frame drum on a slow 2-second pulse, the second beat of each pair softer.
  for (let k = 0; k < 12; k++) {
    const start = k * 2;
    const g = k % 2 === 0 ? 0.14 : 0.08;
    const n0 = Math.round(start * tr.rate);
    for (let i = 0; i < tr.rate * 0.6; i++) {
      const t = i / tr.rate;
      tr.add(n0 + i, g * Math.exp(-t / 0.12) * Math.sin(TAU * (62 + 30 * Math.exp(-t / 0.03)) * t));
    }
  }
  // A distant reed phrase in D Phrygian dominant (Hijaz), once per loop.
  const reed = { ratios: [1, 3, 5], weights: [1, 0.3, 0.12], decay: 0.9, dur: 1.6, attack: 0.08 };
  [69, 67, 66, 63, 62].forEach((midi, j) => strike(tr, 13 + j * 1.1, midi, { ...reed, gain: 0.04 }));
  return normalise(tr, -6);
}

/** 2010s: global, cool. Modal E minor colours over a steady, quiet pulse of soft plucks. */
function era3() {
  const bar = 6;
  const tr = track(bar * 4, MUSIC_RATE, true);
  const chords = [
    [52, 59, 62, 66, 67], // Em9
    [48, 55, 59, 62, 64], // Cmaj7(9)
    [43, 50, 55, 59, 64], // G6
    [42, 50, 54, 57, 64], // D/F# add9
  ];
  progression(tr, chords, bar, { gain: 0.04, attack: 1.8, release: 2, rolloff: 1.3, detune: 0.008 });
  // Eighth-note plucks at 120 bpm cycling through chord tones: motion without urgency.
  const pattern = [1, 3, 2, 4, 3, 2, 4, 3];
  chords.forEach((notes, c) => {
    for (let step = 0; step < bar * 4; step++) {
      const midi = notes[pattern[step % pattern.length]] + 12;
      const accent = step % 4 === 0 ? 1 : 0.6;
      strike(tr, c * bar + step * 0.25, midi, { gain: 0.022 * accent, decay: 0.18, ratios: [1, 2, 3], weights: [1, 0.2, 0.05], dur: 0.9 });
    }
  });
  chords.forEach((notes, c) => pad(tr, c * bar, bar + 0.5, notes[0] - 12, { gain: 0.06, attack: 0.8, release: 1.5, harmonics: 2, rolloff: 2 }));
  return normalise(tr, -6);
}

/** Post-2022: sombre. Low C minor, slow and dark, with a distant tolling bell. */
function era4() {
  const bar = 7;
  const tr = track(bar * 4, MUSIC_RATE, true);
  const chords = [
    [36, 43, 51, 55], // Cm
    [32, 44, 48, 51], // Ab
    [41, 48, 53, 56], // Fm
    [31, 43, 50, 55, 60], // Gsus4
  ];
  progression(tr, chords, bar, { gain: 0.06, attack: 3, release: 3, rolloff: 2.3, detune: 0.003, harmonics: 5 });
  for (let c = 0; c < 4; c++) strike(tr, c * bar + 0.3, 60, { gain: 0.05, decay: 2.2, ratios: [1, 2.0, 2.4, 3.0, 4.2], weights: [1, 0.5, 0.35, 0.2, 0.1], dur: 6 });
  return normalise(tr, -7);
}

// ---------------------------------------------------------------------------------------
// Render, compress, report

const SOUNDS = [
  { name: 'click', render: click, music: false },
  { name: 'stinger', render: stinger, music: false },
  { name: 'turn-end', render: turnEnd, music: false },
  { name: 'music-era1', render: era1, music: true },
  { name: 'music-era2', render: era2, music: true },
  { name: 'music-era3', render: era3, music: true },
  { name: 'music-era4', render: era4, music: true },
];

function has(command) {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    try {
      execFileSync(command, ['-version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }
}

function encode(wav, base, music) {
  const ogg = `${base}.ogg`;
  const mp3 = `${base}.mp3`;
  if (has('oggenc') && has('lame')) {
    // A fixed serial number keeps the OGG output byte-identical from run to run.
    execFileSync('oggenc', ['--quiet', '--serial', '1', '-q', music ? '0' : '3', '-o', ogg, wav]);
    execFileSync('lame', ['--quiet', '-m', 'm', '-b', music ? '40' : '64', wav, mp3]);
  } else if (has('ffmpeg')) {
    const common = ['-hide_banner', '-loglevel', 'error', '-y', '-i', wav, '-map_metadata', '-1'];
    execFileSync('ffmpeg', [...common, '-c:a', 'libvorbis', '-q:a', music ? '0' : '3', ogg]);
    execFileSync('ffmpeg', [...common, '-c:a', 'libmp3lame', '-b:a', music ? '40k' : '64k', mp3]);
  } else {
    throw new Error('no encoder found: install vorbis-tools and lame (or ffmpeg), or pass --wav-only');
  }
  return [ogg, mp3];
}

function main() {
  const args = process.argv.slice(2);
  const wavOnly = args.includes('--wav-only');
  const wavArg = args.indexOf('--wav-dir');
  const keepDir = wavArg >= 0 ? resolve(args[wavArg + 1]) : wavOnly ? OUT_DIR : null;
  const wavDir = keepDir ?? mkdtempSync(join(tmpdir(), 'coopsec-sounds-'));
  mkdirSync(wavDir, { recursive: true });
  mkdirSync(OUT_DIR, { recursive: true });

  let total = 0;
  try {
    for (const { name, render, music } of SOUNDS) {
      const tr = render();
      const wav = join(wavDir, `${name}.wav`);
      writeFileSync(wav, wavBytes(tr));
      const seconds = (tr.data.length / tr.rate).toFixed(2);
      if (wavOnly) {
        console.log(`${name}.wav  ${seconds} s`);
        continue;
      }
      const files = encode(wav, join(OUT_DIR, name), music);
      const sizes = files.map((f) => statSync(f).size);
      total += sizes.reduce((a, b) => a + b, 0);
      console.log(`${name.padEnd(11)} ${seconds.padStart(6)} s  ogg ${(sizes[0] / 1024).toFixed(1)} kB  mp3 ${(sizes[1] / 1024).toFixed(1)} kB`);
    }
  } finally {
    if (!keepDir) rmSync(wavDir, { recursive: true, force: true });
  }
  if (!wavOnly) console.log(`total ${(total / 1024).toFixed(1)} kB in ${OUT_DIR}`);
}

main();
