import type { Core } from '@strapi/strapi';
import { badRequest, handle } from '../errors';
import { createUserBody, parseBody, updateUserBody, verifyPasswordBody } from '../validation';

// Users are addressed by their numeric id (what users-permissions JWTs carry).
function parseId(raw: unknown): number {
  const id = Number(raw);
  if (!/^\d+$/.test(String(raw)) || !Number.isSafeInteger(id) || id <= 0) {
    throw badRequest(`User id must be a positive integer, got "${raw}"`);
  }
  return id;
}

// Core-facing user management: the core never talks to users-permissions' own /users routes.
// POST and PUT answer with the user itself; verify-password with { user }.
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('callpy').service('core-user');

  return {
    async create(ctx: any) {
      await handle(ctx, async () => {
        const input = parseBody(createUserBody, ctx.request.body);
        ctx.status = 201;
        return service().create(input);
      });
    },

    async update(ctx: any) {
      await handle(ctx, async () => {
        const id = parseId(ctx.params.id);
        const input = parseBody(updateUserBody, ctx.request.body);
        return service().update(id, input);
      });
    },

    async delete(ctx: any) {
      await handle(ctx, async () => service().remove(parseId(ctx.params.id)));
    },

    async verifyPassword(ctx: any) {
      await handle(ctx, async () => {
        const { email, password } = parseBody(verifyPasswordBody, ctx.request.body);
        return { user: await service().verifyPassword(email, password) };
      });
    },
  };
};
