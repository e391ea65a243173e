import path from 'node:path';
import { requireSecret } from '../src/lib/env';

export default () => ({
  // Our local plugin: registers every content type found in the repo's content-types/
  // folders as plugin::callpy.<name> and serves the core-facing routes. Resolved next to
  // this file so it works both from config/ (sources) and dist/config/ (compiled).
  callpy: {
    enabled: true,
    resolve: path.join(__dirname, '..', 'src', 'plugins', 'callpy'),
  },
  'users-permissions': {
    config: {
      jwtSecret: requireSecret('JWT_SECRET'),
      jwt: { expiresIn: '7d' },
      // Plain-HTTP deployments (localhost, TLS terminated by a proxy) must still log in.
      sessions: { httpOnly: false },
      register: { allowedFields: [] },
    },
  },
});
