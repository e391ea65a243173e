import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, type OnInit, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslatePipe } from '@ngx-translate/core';
import { toApiError } from '../../core/api-error';
import type { AccessLog } from '../../core/api.types';
import { I18nService } from '../../core/i18n.service';
import { ErrorAlert } from '../../shared/error-alert';
import { type ErrorText, errorText } from '../../shared/error-text';
import { Icon } from '../../shared/icon';

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

function format(date: Date, locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  const tag = locale === 'en' ? 'en-GB' : 'ru-RU';
  try {
    return new Intl.DateTimeFormat(tag, { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' }).format(date);
  }
}

/**
 * A time of the log in the account's time zone, in the UI language: «4 декабря 2026 г. в 19:05»;
 * with `sameDayAs`, only the time when it falls on that day («19:35»).
 */
export function logTime(iso: string, locale: string, timeZone: string, sameDayAs?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const day = (d: Date) => format(d, locale, timeZone, DAY);
  if (sameDayAs && day(new Date(sameDayAs)) === day(date)) return format(date, locale, timeZone, TIME);
  return format(date, locale, timeZone, { ...DAY, ...TIME });
}

/**
 * «Журнал доступа» (issue 15): every support visit of the agency's staff to this account's panel,
 * newest first, with who, when, until when the visit's access lasted and what it opened. For the
 * account's admins (the server refuses operators and the visits themselves).
 */
@Component({
  selector: 'cp-access-log-page',
  imports: [TranslatePipe, ErrorAlert, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './access-log.page.html',
  styleUrl: './access-log.page.css',
})
export class AccessLogPage implements OnInit {
  private readonly http = inject(HttpClient);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  protected readonly log = signal<AccessLog | null>(null);
  protected readonly loadError = signal<ErrorText | null>(null);

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.log.set(null);
    this.http
      .get<AccessLog>('/api/account/audit')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (log) => this.log.set(log),
        error: (err: unknown) => this.loadError.set(errorText(toApiError(err))),
      });
  }

  protected time(iso: string, timeZone: string, sameDayAs?: string): string {
    return logTime(iso, this.i18n.current(), timeZone, sameDayAs);
  }
}
