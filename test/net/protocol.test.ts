/**
 * The console's link (src/net/protocol.ts): what it carries comes back whole from a page's
 * address, the token only in the fragment (never sent to a server), and an address without
 * every part is no link.
 */
import { describe, expect, it } from 'vitest';
import { consoleLink, readConsoleLink } from '../../src/net/protocol';

describe('the console link', () => {
  const key = { code: 'ACDEFG', exerciseId: 'ex-0123456789abcdef', scenarioId: 'my-era_2', token: 'a-b_c+d/e=f&g#h' };

  it('carries the exercise, its scenario and the token, which rides in the fragment only', () => {
    const url = new URL(consoleLink('http://192.0.2.7:2567', key));
    expect(url.origin).toBe('http://192.0.2.7:2567');
    expect(url.search).toBe('?console=ACDEFG');
    expect(url.search).not.toContain('key');
    expect(readConsoleLink(url.search, url.hash)).toEqual(key);
  });

  it('reads the code in capitals, and nothing from an address that lacks a part', () => {
    expect(readConsoleLink('?console=acdefg', '#ex=ex-1&scenario=s&key=t')).toEqual({ code: 'ACDEFG', exerciseId: 'ex-1', scenarioId: 's', token: 't' });
    expect(readConsoleLink('?console=ACDEFG', '')).toBeNull();
    expect(readConsoleLink('?console=ACDEFG', '#ex=ex-1&scenario=s')).toBeNull();
    expect(readConsoleLink('?join=ACDEFG', '#ex=ex-1&scenario=s&key=t')).toBeNull();
    expect(readConsoleLink('', '#ex=ex-1&scenario=s&key=t')).toBeNull();
  });
});
