import { createHash } from 'node:crypto';
import Bowser from 'bowser';
import type { Locale } from '../../../core/src/content/content.types.js';

const ADJECTIVES = {
  ru: ['Синий', 'Весёлый', 'Тихий', 'Быстрый', 'Добрый', 'Смелый', 'Мудрый', 'Ясный', 'Зелёный', 'Солнечный', 'Звёздный', 'Северный'],
  en: ['Blue', 'Merry', 'Quiet', 'Swift', 'Kind', 'Brave', 'Wise', 'Bright', 'Green', 'Sunny', 'Starry', 'Northern'],
};
const ANIMALS = {
  ru: ['Кит', 'Енот', 'Лис', 'Филин', 'Бобр', 'Ёж', 'Волк', 'Медведь', 'Дельфин', 'Тюлень', 'Олень', 'Барсук'],
  en: ['Whale', 'Raccoon', 'Fox', 'Owl', 'Beaver', 'Hedgehog', 'Wolf', 'Bear', 'Dolphin', 'Seal', 'Deer', 'Badger'],
};

/**
 * A friendly name for a visitor nobody has named yet (the guide's random-name generator), the
 * same for the same visitor id so every operator sees one name.
 */
export function generatedName(visitorId: string, locale: Locale): string {
  const hash = createHash('sha256').update(visitorId).digest();
  const adjective = ADJECTIVES[locale][hash[0]! % ADJECTIVES[locale].length]!;
  const animal = ANIMALS[locale][hash[1]! % ANIMALS[locale].length]!;
  return `${adjective} ${animal}`;
}

export interface DeviceInfo {
  device: 'desktop' | 'mobile' | 'tablet';
  browser: string;
  os: string;
}

/** Device, browser and OS from the user agent (bowser, MIT). */
export function deviceOf(userAgent: string | undefined): DeviceInfo {
  if (!userAgent) return { device: 'desktop', browser: '', os: '' };
  const parsed = Bowser.parse(userAgent);
  const platform = parsed.platform.type;
  const version = parsed.browser.version?.split('.')[0];
  return {
    device: platform === 'mobile' ? 'mobile' : platform === 'tablet' ? 'tablet' : 'desktop',
    browser: [parsed.browser.name, version].filter(Boolean).join(' ').slice(0, 60),
    os: [parsed.os.name, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(' ').slice(0, 60),
  };
}
