import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { I18nService } from '../../../../admin-ui/src/app/plugin-api';
import { appTestProviders, initI18n, resetBrowserState } from '../../../../admin-ui/src/testing/test-providers';
import { registerChatStrings } from './chat-i18n';

@Component({ selector: 'cp-strings-host', template: '' })
class StringsHost {
  constructor() {
    registerChatStrings();
  }
}

describe('registerChatStrings', () => {
  beforeEach(() => {
    resetBrowserState('ru');
    TestBed.configureTestingModule({ providers: appTestProviders() });
  });

  it('adds the chat strings to the panel language without losing the panel strings, also for a language loaded later', async () => {
    const i18n = initI18n();
    const translate = TestBed.inject(TranslateService);
    TestBed.createComponent(StringsHost);
    expect(translate.instant('chat.sections.mine')).toBe('Мои сообщения');
    expect(translate.instant('nav.home')).toBe('Главная');

    // English was not loaded when the page registered its strings: both dictionaries must be there after the switch.
    i18n.use('en');
    await new Promise((resolve) => setTimeout(resolve));
    expect(TestBed.inject(I18nService).current()).toBe('en');
    expect(translate.instant('nav.home')).toBe('Home');
    expect(translate.instant('chat.sections.mine')).toBe('My messages');
  });
});
