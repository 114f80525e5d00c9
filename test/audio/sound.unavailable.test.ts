/**
 * With no working audio stack (here: Node, where Howler cannot even load), the sound module
 * must stay silent without throwing and still deliver captions.
 */
import { describe, expect, it } from 'vitest';
import { getSoundSettings, initSound, onCue, playCue, playMusic, setMuted, setVolume, stopMusic } from '../../src/audio/sound';

describe('sound without audio', () => {
  it('reports audio unavailable, never throws, and still captions cues', async () => {
    await expect(initSound()).resolves.toBe(false);
    const captions: string[] = [];
    onCue((_cue, caption) => captions.push(caption));
    expect(() => {
      playCue('click');
      playMusic(2);
      stopMusic();
      setVolume(2);
      setMuted(true);
    }).not.toThrow();
    expect(captions).toEqual(['sound.caption.click', 'sound.caption.music.era2']);
    expect(getSoundSettings()).toEqual({ volume: 1, muted: true });
  });
});
