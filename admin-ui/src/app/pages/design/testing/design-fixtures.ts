import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DEFAULT_DESIGN, type WidgetDesign, contrastWarnings } from '../../../../../../widget/src/design';
import type { Site } from '../../../core/api.types';
import { DesignPage } from '../design.page';
import type { DesignResponse } from '../design.service';

export const SITE: Site = {
  id: 's1',
  name: 'Интернет-магазин «Ромашка»',
  url: 'https://shop.romashka.ru',
  origins: ['https://shop.romashka.ru', 'https://www.shop.romashka.ru'],
  publicKey: 'pk_1',
  chatLanguage: 'ru',
  createdAt: '2026-10-02T10:00:00Z',
};

export const OTHER_SITE: Site = { ...SITE, id: 's2', name: 'Лендинг', url: 'https://promo.romashka.ru', origins: ['https://promo.romashka.ru'] };

/** A 1×1 transparent PNG: a real image the browser can show as the logo. */
export const LOGO_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export function response(design: WidgetDesign = DEFAULT_DESIGN): DesignResponse {
  return { design, warnings: contrastWarnings(design.colors), updatedAt: design === DEFAULT_DESIGN ? null : '2026-11-20T10:00:00Z' };
}

/** The design page for site s1, loaded with `design`, and small DOM helpers by `data-testid`. */
export async function renderDesignPage(design: WidgetDesign = DEFAULT_DESIGN, sites: Site[] = [SITE, OTHER_SITE]) {
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(DesignPage);
  fixture.componentRef.setInput('siteId', 's1');
  await fixture.whenStable();
  backend.expectOne('/api/sites').flush(sites);
  backend.expectOne('/api/sites/s1/design').flush(response(design));
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const q = <T extends HTMLElement = HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`);
  const all = (id: string) => [...el.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const type = async (id: string, value: string) => {
    const input = q<HTMLInputElement>(id);
    if (!input) throw new Error(`no ${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const click = async (id: string) => {
    const target = q(id);
    if (!target) throw new Error(`no ${id}`);
    target.click();
    await fixture.whenStable();
  };
  const chooseFile = async (file: File) => {
    const input = q<HTMLInputElement>('design-logo-input');
    if (!input) throw new Error('no logo input');
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
  };
  return { fixture, backend, el, q, all, type, click, chooseFile };
}
