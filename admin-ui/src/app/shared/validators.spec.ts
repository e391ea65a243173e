import { FormControl, FormGroup } from '@angular/forms';
import { describe, expect, it } from 'vitest';
import { matchesSibling, normalizeSiteUrl, siteUrlValidator } from './validators';

describe('normalizeSiteUrl', () => {
  it.each([
    ['shop.ru', 'https://shop.ru'],
    ['  https://romashka.ru/  ', 'https://romashka.ru/'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['магазин.рф', 'https://магазин.рф'],
    ['sub.domain.example.com/path', 'https://sub.domain.example.com/path'],
    ['10.0.0.5', 'https://10.0.0.5'],
  ])('accepts %s', (input, expected) => {
    expect(normalizeSiteUrl(input)).toBe(expected);
  });

  it.each(['', 'not a url', 'shop', 'ftp://shop.ru', 'javascript:alert(1)', 'https://', 'http://exa mple.com'])('rejects %j', (input) => {
    expect(normalizeSiteUrl(input)).toBeNull();
  });

  it('leaves the empty case to `required`', () => {
    expect(siteUrlValidator(new FormControl(''))).toBeNull();
    expect(siteUrlValidator(new FormControl('nope'))).toEqual({ url: true });
  });
});

describe('matchesSibling', () => {
  it('flags a confirmation that differs from the password', () => {
    const form = new FormGroup({
      password: new FormControl('secret-123'),
      confirm: new FormControl('secret-124', matchesSibling('password')),
    });
    // The validator reads the sibling through the parent, which exists once the group is built.
    form.controls.confirm.updateValueAndValidity();
    expect(form.controls.confirm.errors).toEqual({ mismatch: true });
    form.controls.confirm.setValue('secret-123');
    expect(form.controls.confirm.valid).toBe(true);
  });
});
