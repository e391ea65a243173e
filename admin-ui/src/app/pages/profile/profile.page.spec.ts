import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { openInShell } from '../../../testing/shell-harness';
import { apiError, makeUser, signInForTest } from '../../../testing/test-providers';
import type { User } from '../../core/api.types';
import { AuthService } from '../../core/auth.service';
import { AVATAR_MAX_BYTES } from './profile-rules';
import { ProfilePage } from './profile.page';

/** Relative to this file: the repository's artifacts/screenshots/. */
const shot = (name: string) => page.screenshot({ path: `../../../../../artifacts/screenshots/${name}.png` });

// A 1×1 PNG.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
const ME = makeUser({ firstName: 'Анна', lastName: 'Смирнова', phone: '+7 914 123-45-67' });

/** Picks files in the hidden input the way a file dialog does. */
function pickFile(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

describe('ProfilePage', () => {
  let backend: HttpTestingController;

  beforeEach(async () => {
    backend = await signInForTest(ME);
  });
  afterEach(() => backend.verify());

  async function render(profile: User = ME) {
    const fixture = TestBed.createComponent(ProfilePage);
    await fixture.whenStable();
    backend.expectOne('/api/me/profile').flush(profile);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const q = <T extends HTMLElement = HTMLInputElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`) as T;
    const type = async (id: string, value: string) => {
      q(id).value = value;
      q(id).dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    return { fixture, el, q, type };
  }

  it('shows the profile and saves name, surname and phone; the session user follows', async () => {
    const { fixture, q, type } = await render();
    expect(q('profile-first-name').value).toBe('Анна');
    expect(q('profile-phone').value).toBe('+7 914 123-45-67');
    expect(q('profile-email').value).toBe('anna@romashka.ru');
    await type('profile-last-name', '  Петрова ');
    q<HTMLButtonElement>('profile-save').click();
    await fixture.whenStable();
    const req = backend.expectOne({ method: 'PATCH', url: '/api/me/profile' });
    expect(req.request.body).toEqual({ firstName: 'Анна', lastName: 'Петрова', phone: '+7 914 123-45-67' });
    req.flush({ ...ME, lastName: 'Петрова' });
    await fixture.whenStable();
    expect(TestBed.inject(AuthService).user()?.lastName).toBe('Петрова');
  });

  it('checks the fields before sending: a first name is required, a phone has 5 to 15 digits', async () => {
    const { fixture, el, q, type } = await render();
    await type('profile-first-name', '   ');
    await type('profile-phone', 'позвоните мне');
    q<HTMLButtonElement>('profile-save').click();
    await fixture.whenStable();
    backend.expectNone('/api/me/profile');
    expect(el.querySelector('#profile-first-name-error')?.textContent?.trim()).toBe('Заполните это поле');
    expect(el.querySelector('#profile-phone-error')?.textContent?.trim()).toBe('Телефон: цифры, пробелы, +, ( ) и -, от 5 до 15 цифр');
    await type('profile-phone', '12-34');
    expect(el.querySelector('#profile-phone-error')).not.toBeNull();
    await type('profile-phone', '');
    expect(el.querySelector('#profile-phone-error')).toBeNull();
  });

  it('marks the field the server refused, and words the rest on top by its code', async () => {
    const { fixture, el, q, type } = await render();
    await type('profile-phone', '+7 (914) 123-45-67');
    q<HTMLButtonElement>('profile-save').click();
    await fixture.whenStable();
    backend.expectOne('/api/me/profile').flush(apiError('validation_failed', 'Invalid request', { phone: 'A phone number has 5 to 15 digits' }), { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(el.querySelector('#profile-phone-error')?.textContent?.trim()).toBe('Проверьте значение');
    expect(el.querySelector('[data-testid="form-error"]')).toBeNull();

    q<HTMLButtonElement>('profile-save').click();
    await fixture.whenStable();
    backend.expectOne('/api/me/profile').flush(apiError('content_store_unavailable', 'Хранилище настроек недоступно'), { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="form-error"]')?.textContent).toContain('Хранилище настроек временно недоступно');
  });

  it('avatar: refuses a wrong type or a file over 5 MB before uploading anything', async () => {
    const { fixture, el, q } = await render();
    pickFile(q('avatar-input'), new File(['%PDF-1.4'], 'resume.pdf', { type: 'application/pdf' }));
    await fixture.whenStable();
    expect(q('avatar-error').textContent).toContain('Подходят только изображения JPG, PNG, BMP или GIF');
    pickFile(q('avatar-input'), new File([new Uint8Array(AVATAR_MAX_BYTES + 1)], 'big.png', { type: 'image/png' }));
    await fixture.whenStable();
    expect(q('avatar-error').textContent).toContain('Файл больше 5 МБ');
    expect(el.querySelector('[data-testid="avatar-save"]')).toBeNull();
    backend.expectNone('/api/me/avatar');
  });

  it('avatar: previews the picked picture, uploads it on Save, shows the server\'s refusal', async () => {
    const { fixture, el, q } = await render();
    expect(q('avatar-initials').textContent?.trim()).toBe('АС');
    // The server decides by the bytes: a PDF named .png passes the pre-check and is refused there.
    pickFile(q('avatar-input'), new File([PNG], 'me.png', { type: 'image/png' }));
    await fixture.whenStable();
    expect(q<HTMLImageElement>('avatar-preview').src).toMatch(/^blob:/);
    expect(q('avatar-pending-name').textContent).toBe('me.png');
    q<HTMLButtonElement>('avatar-save').click();
    await fixture.whenStable();
    const refused = backend.expectOne({ method: 'POST', url: '/api/me/avatar' });
    expect((refused.request.body as FormData).get('file')).toBeInstanceOf(File);
    refused.flush(apiError('unsupported_type', 'An avatar must be a JPG, PNG, BMP or GIF image; this file is a PDF file'), { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(q('avatar-error').textContent).toContain('нужна картинка JPG, PNG, BMP или GIF');

    q<HTMLButtonElement>('avatar-save').click();
    await fixture.whenStable();
    backend.expectOne('/api/me/avatar').flush({ ...ME, avatarUrl: 'http://panel.test/api/public/avatars/1/abc' });
    await fixture.whenStable();
    expect(q<HTMLImageElement>('avatar-preview').getAttribute('src')).toBe('http://panel.test/api/public/avatars/1/abc');
    expect(el.querySelector('[data-testid="avatar-save"]')).toBeNull();
    expect(q('avatar-remove')).not.toBeNull();

    q<HTMLButtonElement>('avatar-remove').click();
    await fixture.whenStable();
    backend.expectOne({ method: 'DELETE', url: '/api/me/avatar' }).flush({ ...ME, avatarUrl: null });
    await fixture.whenStable();
    expect(q('avatar-initials')).not.toBeNull();
  });
});

describe('profile page screenshot', () => {
  it('desktop 1280×800, in the shell, with a picture waiting to be saved', async () => {
    const shell = await openInShell('/profile', { width: 1280, height: 800, user: ME });
    (await shell.expectSoon('/api/me/profile')).flush(ME);
    await shell.settle();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 240;
    const g = canvas.getContext('2d')!;
    const gradient = g.createLinearGradient(0, 0, 240, 240);
    gradient.addColorStop(0, '#f59e0b');
    gradient.addColorStop(1, '#db2777');
    g.fillStyle = gradient;
    g.fillRect(0, 0, 240, 240);
    g.fillStyle = 'rgba(255,255,255,.9)';
    g.beginPath();
    g.arc(120, 96, 44, 0, Math.PI * 2);
    g.arc(120, 250, 92, 0, Math.PI * 2);
    g.fill();
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    pickFile(shell.q('avatar-input'), new File([blob], 'anna.png', { type: 'image/png' }));
    await shell.settle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(shell.q('avatar-save')).not.toBeNull();
    expect(shell.q('nav-profile').classList).toContain('active');
    await shot('panel-profile');
    shell.backend.verify();
  });
});
