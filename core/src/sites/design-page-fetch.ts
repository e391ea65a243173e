import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import type { SiteRecord } from '../content/content.types.js';
import { HttpError } from '../http/http-error.js';

const MAX_REDIRECTS = 3;
const MAX_BYTES = 3 * 1024 * 1024;
const TIMEOUT_MS = 8_000;

/**
 * The agents check every address a host resolves to as they connect and connect to that very
 * address (the check is in the lookup the socket uses), so a DNS answer that changes between a
 * check and the request (rebinding) cannot reach an inner address. `inner` is for the hosts an
 * installation allows explicitly (PREVIEW_ALLOWED_HOSTS).
 */
const agents = {
  public: { 'http:': new RequestFilteringHttpAgent(), 'https:': new RequestFilteringHttpsAgent() },
  inner: { 'http:': new RequestFilteringHttpAgent({ allowPrivateIPAddress: true }), 'https:': new RequestFilteringHttpsAgent({ allowPrivateIPAddress: true }) },
};

/** One entry of PREVIEW_ALLOWED_HOSTS: `host` (any port) or `host:port`; IPv6 in brackets. */
export const ALLOWED_HOST_ENTRY = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i;

/** True when the address's host (and port, where the entry names one) is an allowed entry. */
export function isAllowedHost(url: URL, allowedHosts: readonly string[]): boolean {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowedHosts.some((entry) => {
    const [, host, entryPort] = ALLOWED_HOST_ENTRY.exec(entry) ?? [];
    return host?.toLowerCase() === url.hostname && (entryPort === undefined || entryPort === port);
  });
}

/** The page address if it is http(s) on one of the site's own addresses; a 400 otherwise. */
export function sitePageUrl(raw: string, site: Pick<SiteRecord, 'origins'>): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HttpError(400, 'preview_foreign_url', 'Enter the full address of a page of the site, e.g. https://shop.example/catalog', { url: 'Not an address' });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || !site.origins.includes(url.origin)) {
    throw new HttpError(400, 'preview_foreign_url', `Only pages of this site can be previewed: ${site.origins.join(', ')}`, { url: 'Not an address of this site' });
  }
  url.hash = '';
  return url;
}

export interface FetchedPage {
  html: string;
  /** Where the page finally came from (after redirects): its relative addresses resolve against it. */
  url: URL;
}

/**
 * Fetches a page of a client's site for "preview over my site" (SSRF-safe): only the site's own
 * addresses, public IPs only unless the host is allowed by the installation (`allowedHosts`,
 * e.g. the demo site on localhost), redirects followed by hand and each hop checked again, HTML
 * only, at most 3 MB in 8 s. Every refused or failed fetch is the same error, so the preview
 * tells nothing about what answers where.
 */
export async function fetchSitePage(raw: string, site: Pick<SiteRecord, 'origins'>, allowedHosts: readonly string[]): Promise<FetchedPage> {
  let url = sitePageUrl(raw, site);
  for (let hop = 0; ; hop++) {
    const res = await request(url, allowedHosts);
    const location = res.headers.location;
    if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
      res.resume();
      if (hop >= MAX_REDIRECTS) throw unreachable();
      url = sitePageUrl(new URL(location, url).href, site);
      continue;
    }
    if (res.statusCode !== 200) {
      res.resume();
      throw unreachable();
    }
    const type = res.headers['content-type'] ?? '';
    if (!/^\s*(text\/html|application\/xhtml\+xml)\b/i.test(type)) {
      res.resume();
      throw new HttpError(400, 'preview_not_html', `That address is not a web page (${type.split(';')[0] || 'no type'})`);
    }
    const bytes = await readAtMost(res, MAX_BYTES);
    return { html: decode(bytes, type), url };
  }
}

/** The one answer for an address refused (inner network) or not loaded (closed, refused, status, timeout). */
const unreachable = () => new HttpError(502, 'preview_unreachable', 'The page could not be loaded: check that it opens in a browser from the internet');

function request(url: URL, allowedHosts: readonly string[]): Promise<http.IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  const agent = agents[isAllowedHost(url, allowedHosts) ? 'inner' : 'public'][url.protocol as 'http:' | 'https:'];
  return new Promise((resolve, reject) => {
    const req = client.get(url, { agent, timeout: TIMEOUT_MS, headers: { accept: 'text/html,application/xhtml+xml', 'user-agent': 'Mozilla/5.0 (compatible; CallpyPreview/1.0)' } }, resolve);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => reject(unreachable()));
  });
}

function readAtMost(res: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => res.destroy(new Error('timeout')), TIMEOUT_MS);
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) res.destroy(new HttpError(400, 'preview_too_large', `The page is larger than ${max / 1024 / 1024} MB`));
      else chunks.push(chunk);
    });
    res.on('end', () => (clearTimeout(timer), resolve(Buffer.concat(chunks))));
    res.on('error', (err) => (clearTimeout(timer), reject(err instanceof HttpError ? err : unreachable())));
  });
}

/** The charset of the Content-Type header, else of a `<meta>` near the start, else UTF-8. */
function decode(bytes: Buffer, contentType: string): string {
  const declared = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(bytes.subarray(0, 2048).toString('latin1'))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
