/**
 * The committed audio files that scripts/make-sounds.mjs generates: every cue and era bed
 * exists in both formats the sound module asks for, is a real OGG / MP3, and the whole set
 * stays inside the web build's size budget.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(__dirname, '../../assets/audio');
const NAMES = ['click', 'stinger', 'turn-end', 'music-era1', 'music-era2', 'music-era3', 'music-era4'];

describe('audio assets', () => {
  it.each(NAMES)('%s exists as OGG and MP3', (name) => {
    const ogg = readFileSync(join(DIR, `${name}.ogg`));
    const mp3 = readFileSync(join(DIR, `${name}.mp3`));
    expect(ogg.subarray(0, 4).toString('latin1')).toBe('OggS');
    // An MP3 starts with an ID3 tag or an MPEG frame sync (11 set bits).
    expect(mp3.subarray(0, 3).toString('latin1') === 'ID3' || (mp3[0] === 0xff && (mp3[1]! & 0xe0) === 0xe0)).toBe(true);
    expect(ogg.length).toBeGreaterThan(500);
    expect(mp3.length).toBeGreaterThan(500);
  });

  it('stays under the 1.5 MB budget', () => {
    const total = readdirSync(DIR).reduce((sum, f) => sum + statSync(join(DIR, f)).size, 0);
    expect(total).toBeLessThan(1.5 * 1024 * 1024);
  });
});
