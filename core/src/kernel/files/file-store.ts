import type { CoreConfig } from '../../config/env.js';
import type { FileStore } from './files.types.js';
import { LocalFileStore } from './local-file-store.js';

/** FILES_STORE picks the implementation; an S3-compatible one would be another case here. */
export function createFileStore(config: CoreConfig['files']): FileStore {
  switch (config.store) {
    case 'local':
      return new LocalFileStore(config.folder);
  }
}
