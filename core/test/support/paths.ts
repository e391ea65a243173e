import path from 'node:path';

export const fixturesRoot = path.resolve(import.meta.dirname, '../fixtures');
export const repoRoot = path.resolve(import.meta.dirname, '../../..');
