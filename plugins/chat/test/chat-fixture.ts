import type { TestCore } from '../../../core/test/support/harness.js';
import { connectChat, type TestSocket } from './chat-client.js';

export const PANEL = 'http://panel.test';

/** Sockets a test file opened, closed together in its afterAll. */
export class ChatFixture {
  readonly opened: TestSocket[] = [];
  /** A site's address by its key: an address belongs to one site only, so other sites have their own. */
  private readonly addresses = new Map<string, string>();

  constructor(
    private readonly core: TestCore,
    private readonly site: string,
  ) {}

  /** An account admin's site (at the fixture's address unless told another); its key lets visitors in. */
  async addSite(adminToken: string, name: string, url = this.site): Promise<string> {
    const res = await this.core.api.call<{ publicKey: string }>('POST', '/api/sites', { token: adminToken, body: { name, url } });
    if (res.status !== 201) throw new Error(`site not created: ${res.status} ${JSON.stringify(res.body)}`);
    this.addresses.set(res.body.publicKey, url);
    return res.body.publicKey;
  }

  /** A visitor's widget on a page of the site, greeted. */
  async visitor(siteKey: string): Promise<{ socket: TestSocket; id: string }> {
    const site = this.addresses.get(siteKey) ?? this.site;
    const session = await this.core.api.call<{ visitorToken: string; visitorId: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin: site } });
    const socket = this.track(await connectChat(this.core.url, session.body.visitorToken, site));
    await socket.call('visitor.hello', { page: { url: `${site}/`, title: 'Shop', referrer: '' }, activity: 'active' });
    return { socket, id: session.body.visitorId };
  }

  /** A signed-in panel on /chat. */
  async operator(user: { email: string; password: string }): Promise<TestSocket> {
    const { accessToken } = await this.core.api.login(user.email, user.password);
    return this.track(await connectChat(this.core.url, accessToken, PANEL));
  }

  closeAll(): void {
    for (const socket of this.opened.splice(0)) socket.close();
  }

  private track(socket: TestSocket): TestSocket {
    this.opened.push(socket);
    return socket;
  }
}
