import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/store/group-commit.js';

/** A write whose batches the test finishes by hand, recording what each batch held. */
function controlledWrite() {
  const batches: { items: number[]; finish: () => void; fail: (e: Error) => void }[] = [];
  const write = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({ items, finish: () => resolve(items.map((i) => `stored ${i}`)), fail: reject });
    });
  return { batches, write };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('writes at once when idle and groups what arrives while a batch is in flight', async () => {
    const { batches, write } = controlledWrite();
    const commit = new GroupCommit(write, { maxBatch: 3, concurrency: 1 });
    const first = commit.add(1);
    expect(batches.map((b) => b.items)).toEqual([[1]]);
    const rest = [2, 3, 4, 5].map((i) => commit.add(i));
    expect(batches).toHaveLength(1);
    batches[0]!.finish();
    expect(await first).toBe('stored 1');
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3, 4]]);
    batches[1]!.finish();
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3, 4], [5]]);
    batches[2]!.finish();
    expect(await Promise.all(rest)).toEqual(['stored 2', 'stored 3', 'stored 4', 'stored 5']);
  });

  it('keeps up to `concurrency` batches in flight', async () => {
    const { batches, write } = controlledWrite();
    const commit = new GroupCommit(write, { maxBatch: 10, concurrency: 2 });
    void commit.add(1);
    void commit.add(2);
    void commit.add(3);
    void commit.add(4);
    expect(batches.map((b) => b.items)).toEqual([[1], [2]]);
    batches[0]!.finish();
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1], [2], [3, 4]]);
  });

  it('writes a failed batch again item by item, so only the bad item fails', async () => {
    const write = async (items: number[]) => {
      if (items.includes(13)) throw new Error(`cannot store 13 (batch of ${items.length})`);
      return items.map((i) => `stored ${i}`);
    };
    const commit = new GroupCommit(write, { maxBatch: 10, concurrency: 1 });
    const blocker = commit.add(0);
    const batch = [12, 13, 14].map((i) => commit.add(i).catch((e: Error) => e.message));
    expect(await blocker).toBe('stored 0');
    expect(await Promise.all(batch)).toEqual(['stored 12', 'cannot store 13 (batch of 1)', 'stored 14']);
  });
});
