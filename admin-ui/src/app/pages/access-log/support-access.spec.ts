import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeUser, signInForTest } from '../../../testing/test-providers';
import type { AccessLog, SupportSession } from '../../core/api.types';
import { AuthService } from '../../core/auth.service';
import { enterSupportFromAddress, supportEntryUrl } from '../../core/support-entry';
import { TokenStorage } from '../../core/token-storage';
import { OpenClientPanel } from '../agency/open-client-panel';
import { TeamPage } from '../team/team.page';
import { AccessLogPage, logTime } from './access-log.page';

// Issue 15: a support visit's tab, the console's button that opens it, and the client's access log.

let backend: HttpTestingController;
afterEach(() => {
  backend.verify();
  sessionStorage.clear();
});

const session: SupportSession = { accessToken: 'support.jwt', expiresAt: '2026-12-04T16:30:00.000Z', visitId: 'v1', account: { id: 'acc_1', name: 'ООО «Ромашка»' } };

describe('a support visit in its own tab', () => {
  beforeEach(async () => {
    backend = await signInForTest(makeUser({ role: 'agency', accountId: '', accountName: 'Агентство' }));
  });

  it("keeps its token apart: the staff member's own tokens are neither used nor replaced nor cleared", () => {
    const tokens = TestBed.inject(TokenStorage);
    const staffAccess = tokens.accessToken;
    expect(tokens.refreshToken).toBeTruthy();
    const history = { replaceState: vi.fn() } as unknown as History;
    const url = new URL(supportEntryUrl(session), 'http://panel.test');
    enterSupportFromAddress(tokens, { pathname: url.pathname, hash: url.hash } as Location, history);
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/');
    expect(tokens.accessToken).toBe('support.jwt');
    expect(tokens.refreshToken).toBeNull();
    expect(tokens.support).toEqual({ accessToken: 'support.jwt', expiresAt: session.expiresAt, accountName: 'ООО «Ромашка»' });
    // Ending the visit leaves the staff member signed in.
    tokens.clear();
    expect(tokens.support).toBeNull();
    expect(tokens.accessToken).toBe(staffAccess);
    expect(tokens.refreshToken).toBeTruthy();
  });

  it('takes nothing from another address', () => {
    const tokens = TestBed.inject(TokenStorage);
    const history = { replaceState: vi.fn() } as unknown as History;
    enterSupportFromAddress(tokens, { pathname: '/sites', hash: '#token=x&expires=y' } as Location, history);
    expect(tokens.support).toBeNull();
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('«Открыть панель клиента» starts the visit and sends the tab it opened at the click to the client\'s panel', async () => {
    const tab = { location: { href: 'about:blank' }, close: vi.fn() };
    const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    const fixture = TestBed.createComponent(OpenClientPanel);
    fixture.componentRef.setInput('clientId', 'acc_1');
    await fixture.whenStable();
    const button = (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[data-testid="client-open-panel"]')!;
    expect(button.textContent?.trim()).toBe('Открыть панель клиента');
    button.click();
    expect(open).toHaveBeenCalledWith('about:blank', '_blank');
    const req = backend.expectOne('/api/agency/clients/acc_1/support');
    expect(req.request.method).toBe('POST');
    req.flush(session);
    await fixture.whenStable();
    await vi.waitFor(() => expect(tab.location.href).toContain('/support#token=support.jwt'));
    open.mockRestore();
  });
});

describe('the panel as a support visit sees it', () => {
  beforeEach(async () => {
    backend = await signInForTest(makeUser({ role: 'support', accountName: 'ООО «Ромашка»' }));
  });

  it("sees what the admin sees, and switching the language writes nothing (the staff member's profile stays)", async () => {
    const auth = TestBed.inject(AuthService);
    expect(auth.isSupport()).toBe(true);
    expect(auth.isAdmin()).toBe(true);
    expect(auth.isStaff()).toBe(false);
    await firstValueFrom(auth.changeLocale('en'));
    backend.expectNone('/api/me');
  });

  it('cannot invite: the team\'s invitation button is disabled, with the reason beside it', async () => {
    const fixture = TestBed.createComponent(TeamPage);
    await fixture.whenStable();
    backend.expectOne('/api/team').flush([]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector<HTMLButtonElement>('[data-testid="invite-submit"]')?.disabled).toBe(true);
    expect(el.querySelector('[data-testid="read-only-note"]')).not.toBeNull();
    fixture.destroy();
  });
});

describe('AccessLogPage («Журнал доступа»)', () => {
  beforeEach(async () => {
    backend = await signInForTest(makeUser({ role: 'admin' }));
  });

  const LOG: AccessLog = {
    timeZone: 'Asia/Yekaterinburg',
    visits: [
      { id: 'v2', staff: { name: 'Ольга Агентова', email: 'olga@agency.test' }, agency: 'Веб-студия', startedAt: '2026-12-04T10:05:00.000Z', expiresAt: '2026-12-04T10:35:00.000Z', opened: ['GET /api/sites', '/chat dialog.open'] },
      { id: 'v1', staff: { name: '', email: 'ivan@agency.test' }, agency: 'Веб-студия', startedAt: '2026-12-03T20:50:00.000Z', expiresAt: '2026-12-03T21:20:00.000Z', opened: [] },
    ],
  };

  async function render(log: AccessLog) {
    const fixture = TestBed.createComponent(AccessLogPage);
    await fixture.whenStable();
    backend.expectOne('/api/account/audit').flush(log);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists the visits as the server orders them (newest first), times in the account\'s zone', async () => {
    const el = await render(LOG);
    const entries = [...el.querySelectorAll<HTMLElement>('[data-testid="access-log-entry"]')];
    expect(entries.map((e) => e.querySelector('[data-testid="access-log-staff"]')?.textContent?.trim())).toEqual(['Ольга Агентова', 'ivan@agency.test']);
    // 10:05 UTC is 15:05 in Yekaterinburg (UTC+5); the end on the same day shows its time only.
    expect(entries[0]!.textContent).toContain('Вход: 4 декабря 2026 г. в 15:05');
    expect(entries[0]!.textContent).toContain('доступ до 15:35');
    expect(entries[0]!.textContent).toContain('Что было открыто (2)');
    // 20:50 UTC on the 3rd is already the 4th there.
    expect(entries[1]!.textContent).toContain('4 декабря 2026 г. в 01:50');
    expect(entries[1]!.textContent).toContain('Ничего не открывалось');
    expect(el.querySelector('[data-testid="access-log-zone"]')?.textContent).toContain('Asia/Yekaterinburg');
  });

  it('says so when nobody visited', async () => {
    const el = await render({ timeZone: 'UTC', visits: [] });
    expect(el.querySelector('[data-testid="access-log-empty"]')?.textContent).toContain('Визитов не было');
  });

  it('formats in English, and falls back to UTC for a zone the browser does not know', () => {
    expect(logTime('2026-12-04T10:05:00.000Z', 'en', 'Europe/London')).toBe('4 December 2026 at 10:05');
    expect(logTime('2026-12-04T10:05:00.000Z', 'en', 'Mars/Olympus')).toBe('4 December 2026 at 10:05');
  });
});
