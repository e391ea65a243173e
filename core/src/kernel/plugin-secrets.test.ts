import { describe, expect, it } from 'vitest';
import { SecretBox } from './plugin-secrets.js';

describe('ctx.secrets (SecretBox)', () => {
  const box = new SecretBox('k'.repeat(40));
  const telegram = box.forPlugin('telegram');

  it('seals to a string without the plain text, fresh each time, and opens it again', () => {
    const token = '123456:AAE-bot-token-Ключ';
    const a = telegram.seal(token);
    const b = telegram.seal(token);
    expect(a).not.toContain('bot-token');
    expect(a).not.toBe(b);
    expect(telegram.open(a)).toBe(token);
    expect(telegram.open(telegram.seal(''))).toBe('');
  });

  it("refuses what was changed, another plugin's secret and another installation's", () => {
    const sealed = telegram.seal('secret');
    const [v, nonce, tag, body] = sealed.split('.');
    const flipped = `${v}.${nonce}.${tag}.${body!.slice(0, -2)}${body!.endsWith('A') ? 'B' : 'A'}${body!.slice(-1)}`;
    expect(() => telegram.open(flipped)).toThrow(/changed, or sealed with another key/);
    expect(() => box.forPlugin('amocrm').open(sealed)).toThrow(/another key/);
    expect(() => new SecretBox('z'.repeat(40)).forPlugin('telegram').open(sealed)).toThrow(/another key/);
    expect(() => telegram.open('plain-text')).toThrow(/not a sealed secret/);
  });

  it('needs a key of at least 32 characters', () => {
    expect(() => new SecretBox('short')).toThrow(/at least 32/);
  });
});
