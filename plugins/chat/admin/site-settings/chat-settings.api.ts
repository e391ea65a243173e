import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { ChatSiteSettings } from '../../shared/chat-site-settings';

/** The chat's per-site settings through the core's plugin settings routes (docs/site-settings.md). */
@Injectable()
export class ChatSettingsApi {
  private readonly http = inject(HttpClient);

  private url(siteId: string): string {
    return `/api/plugins/chat/settings/sites/${encodeURIComponent(siteId)}`;
  }

  async get(siteId: string): Promise<ChatSiteSettings> {
    return (await firstValueFrom(this.http.get<{ value: ChatSiteSettings }>(this.url(siteId)))).value;
  }

  /** Rejects with the server's 400 (`error.fields` like `offlineForm.emails.1`) when a value is refused. */
  async save(siteId: string, value: ChatSiteSettings): Promise<ChatSiteSettings> {
    return (await firstValueFrom(this.http.put<{ value: ChatSiteSettings }>(this.url(siteId), { value }))).value;
  }
}
