import { describe, expect, it } from 'vitest';
import { urlMatches } from './goals.protocol.js';

describe('urlMatches (G1: URL goals)', () => {
  const url = 'https://shop.example/catalog/shoes?size=42#reviews';

  it('exact compares the whole address without its fragment', () => {
    expect(urlMatches('exact', 'https://shop.example/catalog/shoes?size=42', url)).toBe(true);
    expect(urlMatches('exact', 'https://shop.example/catalog/shoes', url)).toBe(false);
  });

  it('a pattern without scheme and host compares the path and query', () => {
    expect(urlMatches('exact', '/catalog/shoes?size=42', url)).toBe(true);
    expect(urlMatches('prefix', '/catalog/', url)).toBe(true);
    expect(urlMatches('prefix', '/cart', url)).toBe(false);
    expect(urlMatches('exact', '/', 'https://shop.example')).toBe(true);
  });

  it('wildcard: * stands for any run of characters, everything else is literal', () => {
    expect(urlMatches('wildcard', '/catalog/*?size=*', url)).toBe(true);
    expect(urlMatches('wildcard', 'https://*.example/*', url)).toBe(true);
    expect(urlMatches('wildcard', '/catalog/*.html', url)).toBe(false);
    // A regular-expression character in the pattern is a plain character.
    expect(urlMatches('wildcard', '/thanks(1)', 'https://a.example/thanks(1)')).toBe(true);
    expect(urlMatches('wildcard', '/thanks.', 'https://a.example/thanksX')).toBe(false);
  });
});
