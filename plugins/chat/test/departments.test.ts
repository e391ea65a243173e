import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsClient, seedAccount, seedUser, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';

interface Department {
  id: string;
  name: string;
  memberIds: number[];
}
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

let core: TestCore;
let acc: SeededAccount;
let other: SeededAccount;
let adminToken: string;
let operatorToken: string;
let otherAdminToken: string;

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} } });
  acc = await seedAccount(core);
  other = await seedAccount(core, 'Other');
  adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  operatorToken = (await core.api.login(acc.operator.email, acc.operator.password)).accessToken;
  otherAdminToken = (await core.api.login(other.admin.email, other.admin.password)).accessToken;
});
afterAll(() => core?.stop());

const create = (token: string, body: unknown) => core.api.call<Department & ErrorBody>('POST', '/api/chat/departments', { token, body });
const list = async (token: string) => (await core.api.call<Department[]>('GET', '/api/chat/departments', { token })).body;

describe('departments (A5)', () => {
  let sales: Department;

  it('an admin creates a department with members; every user of the account lists it', async () => {
    const res = await create(adminToken, { name: '  Sales  ', memberIds: [acc.operator.id, acc.operator.id] });
    expect(res.status).toBe(201);
    sales = res.body;
    expect(sales).toMatchObject({ name: 'Sales', memberIds: [acc.operator.id] });
    expect(await list(operatorToken)).toEqual([sales]);
    expect(await list(otherAdminToken)).toEqual([]);
  });

  it('is stored in the CMS: a fresh snapshot has the same department and members', async () => {
    await core.content.refresh();
    expect(await list(adminToken)).toEqual([sales]);
    const record = await cmsClient().collection<{ name: string }>('departments').get(sales.id);
    expect(record?.name).toBe('Sales');
  });

  it('refuses an empty or too long name, a name taken in the account, and members of other accounts', async () => {
    const bad = [
      [{ name: '   ' }, 400, 'validation_failed'],
      [{ name: 'x'.repeat(101) }, 400, 'validation_failed'],
      [{ name: 'sales' }, 409, 'name_taken'],
      [{ name: 'Support', memberIds: [other.operator.id] }, 400, 'validation_failed'],
      [{ name: 'Support', memberIds: [99_999_999] }, 400, 'validation_failed'],
      [{ name: 'Support', memberIds: ['1'] }, 400, 'validation_failed'],
      [{ name: 42 }, 400, 'validation_failed'],
    ] as const;
    for (const [body, status, code] of bad) {
      const res = await create(adminToken, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toBeTruthy();
    }
    const foreign = await create(adminToken, { name: 'Support', memberIds: [other.operator.id] });
    expect(foreign.body.error.fields?.memberIds).toMatch(/not in this account/);
    expect((await create(adminToken, { name: 'x'.repeat(101) })).body.error.fields?.name).toBe('At most 100 characters');
    expect((await list(adminToken)).map((d) => d.name)).toEqual(['Sales']);
    // The same name in another account is fine.
    expect((await create(otherAdminToken, { name: 'Sales' })).status).toBe(201);
  });

  it('renames and changes members; refuses a taken name and an empty change', async () => {
    const second = await seedUser(core, acc.accountId, { firstName: 'Petr', lastName: 'Second' });
    const support = (await create(adminToken, { name: 'Support' })).body;
    const patch = (id: string, body: unknown, token = adminToken) => core.api.call<Department & ErrorBody>('PATCH', `/api/chat/departments/${id}`, { token, body });

    const res = await patch(support.id, { name: 'Tech support', memberIds: [second.id, acc.admin.id] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: support.id, name: 'Tech support', memberIds: [second.id, acc.admin.id] });
    expect((await patch(support.id, { memberIds: [] })).body).toMatchObject({ name: 'Tech support', memberIds: [] });
    expect((await patch(support.id, { name: 'SALES' })).status).toBe(409);
    expect((await patch(support.id, { name: 'Tech support' })).status).toBe(200);
    expect((await patch(support.id, {})).status).toBe(400);
    expect((await patch(support.id, { memberIds: [other.admin.id] })).status).toBe(400);

    await core.content.refresh();
    expect((await list(adminToken)).find((d) => d.id === support.id)).toEqual({ id: support.id, name: 'Tech support', memberIds: [] });
  });

  it('keeps operators and other accounts out of changes', async () => {
    expect((await create(operatorToken, { name: 'Mine' })).status).toBe(403);
    expect((await core.api.call('PATCH', `/api/chat/departments/${sales.id}`, { token: operatorToken, body: { name: 'Hacked' } })).status).toBe(403);
    expect((await core.api.call('DELETE', `/api/chat/departments/${sales.id}`, { token: operatorToken })).status).toBe(403);
    expect((await core.api.call('PATCH', `/api/chat/departments/${sales.id}`, { token: otherAdminToken, body: { name: 'Hacked' } })).status).toBe(404);
    expect((await core.api.call('DELETE', `/api/chat/departments/${sales.id}`, { token: otherAdminToken })).status).toBe(404);
    expect((await core.api.call('DELETE', '/api/chat/departments/not-an-id!', { token: adminToken })).status).toBe(400);
    expect((await core.api.call('GET', '/api/chat/departments')).status).toBe(401);
    expect((await list(adminToken)).find((d) => d.id === sales.id)?.name).toBe('Sales');
  });

  it('deletes a department', async () => {
    expect((await core.api.call('DELETE', `/api/chat/departments/${sales.id}`, { token: adminToken })).status).toBe(204);
    expect((await list(adminToken)).map((d) => d.id)).not.toContain(sales.id);
    await core.content.refresh();
    expect((await list(adminToken)).map((d) => d.id)).not.toContain(sales.id);
    expect((await core.api.call('DELETE', `/api/chat/departments/${sales.id}`, { token: adminToken })).status).toBe(404);
  });
});
