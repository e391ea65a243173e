import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { WidgetColors, WidgetDesign } from '../../../../../widget/src/design';

/** What every design route answers (docs/widget-design.md). */
export interface DesignResponse {
  design: WidgetDesign;
  /** WCAG AA failures of the saved colours: warnings, never a refusal. */
  warnings: { text: keyof WidgetColors; background: keyof WidgetColors; ratio: number }[];
  updatedAt: string | null;
}

/** A site's widget design on the core (admin only): read, save, logo file, preview over the site. */
@Injectable({ providedIn: 'root' })
export class DesignService {
  private readonly http = inject(HttpClient);

  get(siteId: string): Observable<DesignResponse> {
    return this.http.get<DesignResponse>(this.base(siteId));
  }

  /** Saves the whole design; the logo file is not touched here, only its scale. */
  save(siteId: string, design: WidgetDesign): Observable<DesignResponse> {
    return this.http.put<DesignResponse>(this.base(siteId), design);
  }

  uploadLogo(siteId: string, file: File): Observable<DesignResponse> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<DesignResponse>(`${this.base(siteId)}/logo`, body);
  }

  deleteLogo(siteId: string): Observable<DesignResponse> {
    return this.http.delete<DesignResponse>(`${this.base(siteId)}/logo`);
  }

  /** A signed, short-lived address of the preview page running over a page of the client's site. */
  previewOverSite(siteId: string, url: string): Observable<{ src: string }> {
    return this.http.post<{ src: string }>(`${this.base(siteId)}/preview-page`, { url });
  }

  private base(siteId: string): string {
    return `/api/sites/${encodeURIComponent(siteId)}/design`;
  }
}
