import { describe, expect, it } from 'vitest';
import { redact } from '../../src/redact.js';

describe(redact.name, () => {
  it('shows the first and last four characters of a key ID or secret', () => {
    expect(redact('AKIAQYLPMN5HHHFPZAM2')).toBe('AKIA…ZAM2');
    expect(redact('Jx8kP2mQ9vR4tY7wZ1aB3cD5eF6gH8iJ0kL2mN4o')).toBe('Jx8k…mN4o');
  });

  // Below 16 characters, four plus four would show half the value or more: nothing is shown.
  it.each([
    ['15 characters', 'abcdefghijklmno'],
    ['12 characters', 'abcdefghijkl'],
    ['9 characters', 'abcdefghi'],
    ['8 characters', 'abcdefgh'],
    ['1 character', 'a'],
    ['empty', ''],
  ])('hides a short value entirely: %s', (_name, value) => {
    expect(redact(value)).toBe('…');
  });

  it('16 characters is the shortest value shown in part', () => {
    expect(redact('abcdefghijklmnop')).toBe('abcd…mnop');
  });

  it('never shows more than eight characters of a value', () => {
    for (let length = 0; length <= 64; length++) {
      const value = 'x'.repeat(length);
      expect(redact(value).replace('…', '').length).toBeLessThanOrEqual(Math.min(8, length / 2));
    }
  });
});
