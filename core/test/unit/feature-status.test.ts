import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURE_STATUS } from '../../../admin-ui/src/app/pages/auth/feature-status.data.js';
import { repoRoot } from '../support/paths.js';

/** The sign-in page, the README and docs/features.md say the same of what works today, feature by feature. */
describe('feature status', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## What works today'), readme.indexOf('\n## ', readme.indexOf('## What works today') + 5));
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| feature'))
    .map((l) => l.split('|').map((c) => c.trim()));

  it('every group of the sign-in page is a row of the README with the same ids and state', () => {
    expect(rows.map(([, , ids, state]) => `${ids} ${state}`)).toEqual(FEATURE_STATUS.map((g) => `${g.ids.join(', ')} ${g.state === 'works' ? 'works today' : 'coming'}`));
  });

  it('names each feature-map id once', () => {
    const ids = FEATURE_STATUS.flatMap((g) => g.ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('docs/features.md lists every feature once, in the state the sign-in page gives it', () => {
    const map = fs.readFileSync(path.join(repoRoot, 'docs', 'features.md'), 'utf8');
    const states = new Map<string, string>();
    for (const line of map.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      if (!/^[A-Z]\d+$/.test(cells[1] ?? '')) continue;
      expect(states.has(cells[1]!), `${cells[1]} twice`).toBe(false);
      states.set(cells[1]!, cells[4]!);
    }
    for (const group of FEATURE_STATUS) {
      for (const id of group.ids) expect(`${id}: ${states.get(id)}`).toBe(`${id}: ${group.state === 'works' ? 'works today' : 'coming'}`);
    }
    const grouped = new Set(FEATURE_STATUS.flatMap((g) => g.ids));
    for (const [id, state] of states) if (!grouped.has(id)) expect(`${id}: ${state}`).toBe(`${id}: coming`);
  });
});
