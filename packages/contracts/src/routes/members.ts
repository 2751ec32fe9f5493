import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { emailSchema } from '../common/fields';
import { idSchema, instantSchema, roleSchema, text } from '../common/primitives';
import { pageSchema, paginationQuerySchema } from '../common/pagination';
import { passwordSchema } from './auth';

export const memberSchema = z.object({
  id: idSchema,
  userId: idSchema,
  email: text(),
  name: text(),
  role: roleSchema,
  createdAt: instantSchema,
});

export const membersContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/members',
      summary: 'List team members',
      query: paginationQuerySchema,
      responses: { 200: pageSchema(memberSchema) },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags: ['Members'] }),
    },
    add: {
      method: 'POST',
      path: '/v1/admin/members',
      summary: 'Add a team member (creates their login when the email is new)',
      body: z
        .object({
          email: emailSchema,
          name: text().trim().min(1).max(120),
          role: roleSchema,
          password: passwordSchema.optional().describe('Initial password for a new login'),
        })
        .strict(),
      responses: { 201: memberSchema },
      metadata: meta({ auth: 'session', minRole: 'admin', scope: 'write', sessionOnly: true, tags: ['Members'] }),
    },
    update: {
      method: 'PATCH',
      path: '/v1/admin/members/:id',
      summary: 'Change a member\u2019s role',
      pathParams: z.object({ id: idSchema }),
      body: z.object({ role: roleSchema }).strict(),
      responses: { 200: memberSchema },
      metadata: meta({ auth: 'session', minRole: 'admin', scope: 'write', sessionOnly: true, tags: ['Members'] }),
    },
    remove: {
      method: 'DELETE',
      path: '/v1/admin/members/:id',
      summary: 'Remove a member from the business',
      pathParams: z.object({ id: idSchema }),
      body: c.noBody(),
      responses: { 204: c.noBody() },
      metadata: meta({ auth: 'session', minRole: 'admin', scope: 'write', sessionOnly: true, tags: ['Members'] }),
    },
  },
  { commonResponses: errorResponses },
);
