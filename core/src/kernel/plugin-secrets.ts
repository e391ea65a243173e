import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { KernelError } from './kernel-error.js';

/** `ctx.secrets`: what a plugin keeps of outside systems' tokens is stored sealed, never in clear. */
export interface PluginSecrets {
  /** A string safe to store anywhere (CMS, own tables): AES-256-GCM, a fresh nonce each time. */
  seal(plain: string): string;
  /** The plain text of `seal`'s output; throws if it was changed, or sealed by another plugin or installation. */
  open(sealed: string): string;
}

const VERSION = 'v1';
const b64 = (bytes: Buffer) => bytes.toString('base64url');

/**
 * Seals integration tokens at rest with the installation's CORE_SECRETS_KEY. Each plugin gets its
 * own key derived from it (HKDF with the plugin id), so one plugin cannot open what another sealed,
 * and the plugin id is bound to every sealed value as associated data as well.
 */
export class SecretBox {
  constructor(private readonly masterKey: string) {
    if (masterKey.length < 32) throw new KernelError('The secrets key must be at least 32 characters');
  }

  forPlugin(pluginId: string): PluginSecrets {
    const key = Buffer.from(hkdfSync('sha256', this.masterKey, 'callpy:secrets', `plugin:${pluginId}`, 32));
    const aad = Buffer.from(pluginId);
    return {
      seal(plain) {
        const nonce = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(aad);
        const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
        return [VERSION, b64(nonce), b64(cipher.getAuthTag()), b64(body)].join('.');
      },
      open(sealed) {
        const [version, nonce, tag, body, ...rest] = sealed.split('.');
        if (version !== VERSION || !nonce || !tag || body === undefined || rest.length) throw new KernelError(`Plugin "${pluginId}": not a sealed secret`);
        try {
          const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url')).setAAD(aad);
          decipher.setAuthTag(Buffer.from(tag, 'base64url'));
          return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
        } catch {
          throw new KernelError(`Plugin "${pluginId}": the sealed secret was changed, or sealed with another key`);
        }
      },
    };
  }
}
