import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.js';
import { ContentStoreClient } from './content-store.client.js';
import { ContentStore } from './content-store.js';
import { pluginContent, type PluginContentType } from './plugin-content.js';

const record = (documentId: string, fields: Record<string, unknown>) => ({ id: 1, documentId, createdAt: '', updatedAt: '', ...fields });
const type = (name: string, owner: string, pluralName: string): PluginContentType => ({ name, owner, pluralName, linked: ['account'], linkedMany: [] });

const queue = type('queue', 'helpdesk', 'queues');
const note = type('demo-note', 'demo', 'demo-notes');
const goal = type('goal-rule', 'goals', 'goal-rules');

/** A content store holding one snapshot, as the CMS would answer it (reads need no CMS; nothing here writes). */
async function storeWith(snapshot: Record<string, unknown[]>): Promise<ContentStore> {
  const client = new ContentStoreClient('http://127.0.0.1:9', 'unused');
  client.snapshot = () => Promise.resolve(snapshot as Awaited<ReturnType<ContentStoreClient['snapshot']>>);
  const store = new ContentStore(client, createLogger('silent'));
  await store.load(1000);
  return store;
}

describe('ctx.content: a plugin reads the core, its own types and the ones it declares', async () => {
  const store = await storeWith({
    accounts: [record('acc1', { name: 'Shop', timezone: 'UTC', language: 'en' })],
    queues: [record('d1', { name: 'Sales', account: 'acc1', members: [] })],
    demoNotes: [record('n1', { text: 'hello' })],
    goalRules: [record('g1', { name: 'Cart' })],
  });
  const helpdesk = pluginContent(store, { pluginId: 'helpdesk', own: [queue], reads: [] });
  const demo = pluginContent(store, { pluginId: 'demo', own: [note], reads: [queue] });

  it('reads the core\'s records and its own types; a declared type of another plugin read-only', () => {
    expect(helpdesk.account('acc1')?.name).toBe('Shop');
    expect(helpdesk.records('queue').all().map((d) => d.documentId)).toEqual(['d1']);
    expect(helpdesk.writable('queue').get('d1')).toMatchObject({ name: 'Sales' });
    expect(demo.records('demo-note').get('n1')).toMatchObject({ text: 'hello' });
    expect(demo.records('queue').get('d1')).toMatchObject({ name: 'Sales' });
  });

  it('refuses, at the call, a type that is neither its own nor declared, and writes to a declared one', () => {
    expect(() => helpdesk.records('goal-rule')).toThrow('Plugin "helpdesk" may not read content type "goal-rule": it is neither the plugin\'s own (plugins/helpdesk/content-types/) nor declared in content.reads');
    expect(() => demo.records(goal.name)).toThrow(/may not read content type "goal-rule"/);
    expect(() => helpdesk.writable('demo-note')).toThrow(/may not write content type "demo-note"/);
    expect(() => demo.writable('queue')).toThrow('Plugin "demo" may not write content type "queue": it belongs to plugin "helpdesk" and is declared in content.reads, which only reads');
  });

  it('sees a record another writer applied first-hand, and tells its change listeners', () => {
    let told = 0;
    const stop = helpdesk.onChange(() => told++);
    store.upsertLocal('queues', record('d2', { name: 'Support', account: 'acc1', members: [] }));
    stop();
    expect(told).toBe(1);
    expect(demo.records('queue').all().map((d) => d.documentId)).toEqual(['d1', 'd2']);
  });
});
