import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/env.js';
import { createFileStore } from './file-store.js';
import { LocalFileStore } from './local-file-store.js';

const base = { CMS_API_TOKEN: 'x'.repeat(32), CORE_WEBHOOK_SECRET: 'w'.repeat(32), CORE_JWT_SECRET: 'j'.repeat(32), VISITOR_TOKEN_SECRET: 'v'.repeat(32), CORE_SECRETS_KEY: 's'.repeat(32) };

describe('FILES_STORE', () => {
  it('is the local disk under DATA_DIR/files unless set, and refuses a store that does not exist', () => {
    const config = loadConfig({ ...base, DATA_DIR: '/srv/callpy' });
    expect(config.files).toEqual({ store: 'local', folder: path.resolve('/srv/callpy/files') });
    expect(loadConfig({ ...base, FILES_STORE: 'local' }).files.store).toBe('local');
    expect(createFileStore(config.files)).toBeInstanceOf(LocalFileStore);
    expect(() => loadConfig({ ...base, FILES_STORE: 's3' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, FILES_STORE: 's3' })).toThrow('FILES_STORE: FILES_STORE must be "local" (the only store so far)');
  });
});
