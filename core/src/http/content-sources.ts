/**
 * Origins the panel's Content-Security-Policy allows besides its own, added by plugins at setup
 * (`ctx.http.allowSources`): e.g. the calls plugin's Jitsi Meet, whose IFrame API script and
 * conference frame come from the installation's Jitsi host. Read at each response, so a plugin
 * started after the headers' middleware was mounted is still heard.
 */
export type SourceDirective = 'script-src' | 'frame-src';

export class ContentSources {
  private readonly origins: Record<SourceDirective, Set<string>> = { 'script-src': new Set(), 'frame-src': new Set() };

  /** Only a bare origin (`https://meet.example.com`, `http://127.0.0.1:8443`): no path, no wildcard, nothing a CSP would read as more. */
  add(directive: SourceDirective, origin: string): void {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new Error(`Not an origin: ${origin}`);
    }
    if (!['https:', 'http:'].includes(parsed.protocol) || parsed.origin !== origin) throw new Error(`Not an origin: ${origin}`);
    this.origins[directive].add(origin);
  }

  list(directive: SourceDirective): string {
    return [...this.origins[directive]].join(' ');
  }
}
