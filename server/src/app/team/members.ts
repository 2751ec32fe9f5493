import type { membersContract, Role } from '@slotwise/contracts';
import type { z } from 'zod';
import { AppError, forbidden, notFound } from '../errors';
import type { PasswordHasher } from '../auth/passwords';
import { roleAtLeast, type Principal } from '../principal';
import type { Directory, UnitOfWork } from '../../ports/repositories';
import type { PageRequest } from '../../ports/records';

/** Team management. Only an owner may grant or take away the owner role; the last owner stays. */
export function memberService(deps: { uow: UnitOfWork; directory: Directory; passwords: PasswordHasher }) {
  const { uow, directory, passwords } = deps;

  const assertMayAssign = (p: Principal, role: Role) => {
    if (role === 'owner' && p.role !== 'owner') throw forbidden('Only an owner can make someone an owner');
    if (!roleAtLeast(p.role, role)) throw forbidden('You cannot grant a role above your own');
  };

  return {
    list: (p: Principal, page: PageRequest) => uow.run(p.tenantId, (r) => r.members.list(page)),

    async add(p: Principal, input: z.infer<typeof membersContract.add.body>) {
      assertMayAssign(p, input.role);
      let user = await directory.findUserByEmail(input.email);
      if (!user) {
        if (!input.password) {
          throw new AppError('validation_failed', 'A password is needed to create a login for a new email', {
            issues: [{ path: 'body.password', message: 'Required when the email has no account yet' }],
          });
        }
        user = await directory.createUser({ email: input.email, name: input.name, passwordHash: await passwords.hash(input.password) });
      }
      const userId = user.id;
      return uow.run(p.tenantId, async (r) => {
        if (await r.members.findByUserId(userId)) throw new AppError('conflict', 'This person is already a member');
        return r.members.add(userId, input.role);
      });
    },

    update(p: Principal, id: string, role: Role) {
      return uow.run(p.tenantId, async (r) => {
        const m = await r.members.get(id);
        if (!m) throw notFound('Member');
        if (m.role === 'owner' && p.role !== 'owner') throw forbidden('Only an owner can change an owner');
        assertMayAssign(p, role);
        if (m.role === 'owner' && role !== 'owner' && (await r.members.countOwners()) <= 1) {
          throw new AppError('conflict', 'A business needs at least one owner');
        }
        return r.members.setRole(id, role);
      }, { isolationLevel: 'Serializable' });
    },

    remove(p: Principal, id: string) {
      return uow.run(p.tenantId, async (r) => {
        const m = await r.members.get(id);
        if (!m) throw notFound('Member');
        if (m.role === 'owner' && p.role !== 'owner') throw forbidden('Only an owner can remove an owner');
        if (!roleAtLeast(p.role, m.role)) throw forbidden('You cannot remove someone above your role');
        if (m.role === 'owner' && (await r.members.countOwners()) <= 1) {
          throw new AppError('conflict', 'A business needs at least one owner');
        }
        await r.members.remove(id);
      }, { isolationLevel: 'Serializable' });
    },
  };
}
export type MemberService = ReturnType<typeof memberService>;
