import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import Bowser from 'bowser';
import geoip from 'geoip-lite';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';
import type { Locale } from '../../../core/src/index.js';

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
 * same for the same visitor id so every operator sees one name; where the visitor is known to be,
 * the place follows it ("Синий Кит · Moscow"), which tells operators more and keeps two visitors
 * of one city apart.
 */
export function generatedName(visitorId: string, locale: Locale, place?: Place): string {
  const hash = createHash('sha256').update(visitorId).digest();
  const adjective = ADJECTIVES[locale][hash[0]! % ADJECTIVES[locale].length]!;
  const animal = ANIMALS[locale][hash[1]! % ANIMALS[locale].length]!;
  const where = place && (place.city || place.country);
  return (where ? `${adjective} ${animal} · ${where}` : `${adjective} ${animal}`).slice(0, 100);
}

/** Where an IP address is: the city as the database spells it (English), the country in the site's language. */
export interface Place {
  city: string;
  country: string;
}

const countryNames = { ru: new Intl.DisplayNames(['ru'], { type: 'region' }), en: new Intl.DisplayNames(['en'], { type: 'region' }) };

/**
 * Looks the address up in geoip-lite's bundled GeoLite database (in memory, no network). Loopback
 * and private addresses, and those the database does not know, have no place.
 */
export function placeOf(ip: string | undefined, locale: Locale): Place | undefined {
  const found = ip ? geoip.lookup(ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')) : null;
  if (!found?.country) return undefined;
  return { city: found.city, country: countryNames[locale].of(found.country) ?? found.country };
}

/** "City, Country" for the visitor card, or just the country. */
export const locationText = (place: Place | undefined) => (place ? [place.city, place.country].filter(Boolean).join(', ').slice(0, 120) : '');

/**
 * The same proxies the core's Express trusts (`app.set('trust proxy', 'loopback')` in
 * core/src/platform.ts): behind a reverse proxy on the same machine the visitor's address is in
 * X-Forwarded-For; from anywhere else that header is the client's word and ignored.
 */
const trustedProxy = proxyaddr.compile('loopback');

/** The visitor's address from a socket's handshake, read as `req.ip` is read for HTTP. */
export function clientIp(handshake: { address: string; headers: IncomingHttpHeaders }): string {
  // proxy-addr reads only the headers and the connection's remote address of the request.
  const request = { headers: handshake.headers, socket: { remoteAddress: handshake.address } } as unknown as IncomingMessage;
  return proxyaddr(request, trustedProxy);
}

/** Ranges that name a network, not a person: a proxy on this machine, a LAN, a carrier's shared block. */
const SHARED_RANGES = new Set(['unspecified', 'loopback', 'private', 'linkLocal', 'uniqueLocal', 'carrierGradeNat']);

/**
 * What the chat keeps of an address (H6 limits, C13 blocks): an HMAC under a key of this database,
 * so the table holds no readable addresses and a leaked dump cannot be matched against a list.
 * IPv6 counts by its /64 — one subscriber's prefix, whose last half privacy extensions rotate.
 * An address that tells no person apart (loopback, private, CGNAT) is null: counting or blocking
 * it would block everyone behind it.
 */
export function addressKey(secret: Buffer, ip: string): string | null {
  if (!ipaddr.isValid(ip)) return null;
  const parsed = ipaddr.process(ip);
  if (SHARED_RANGES.has(parsed.range())) return null;
  const normalized = parsed.kind() === 'ipv6' ? `${parsed.toNormalizedString().split(':').slice(0, 4).join(':')}::/64` : parsed.toString();
  return createHmac('sha256', secret).update(normalized).digest('hex');
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
