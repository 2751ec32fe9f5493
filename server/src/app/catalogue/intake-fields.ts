import {
  intakeFieldTypeSchema,
  intakeOptionsIssues,
  type CreateIntakeField,
  type UpdateIntakeField,
} from '@slotwise/contracts';
import type { TenantRepositories, UnitOfWork } from '../../ports/repositories';
import { AppError, notFound, validationFailed } from '../errors';
import type { Principal } from '../principal';

/** 422 at `path` when the service does not exist (deleted, or another tenant's: invisible). */
async function assertService(r: TenantRepositories, serviceId: string | null, path: string) {
  if (serviceId && (await r.services.existing([serviceId])).length === 0)
    throw validationFailed(
      [{ path, message: `Unknown service ${serviceId}` }],
      'Unknown service id',
    );
}

/**
 * A key names one answer of a booking, so it is unique among the questions one booking is asked:
 * a business-wide key is used by no other question at all, a service's key by no other question
 * of that service and no business-wide one.
 */
async function assertKeyFree(
  r: TenantRepositories,
  key: string,
  serviceId: string | null,
  exceptId?: string,
) {
  const clash = await r.intakeFields.keyClashes(key, serviceId, exceptId);
  if (clash.length > 0) {
    const first = clash[0]!;
    throw new AppError(
      'conflict',
      first.serviceId
        ? `The key "${key}" is already used by a question of service ${first.serviceId}`
        : `The key "${key}" is already used by a question asked for every service`,
      { field: 'key', fieldIds: clash.map((f) => f.id) },
    );
  }
}

/**
 * The questions of the booking form, for one service or for every service (serviceId null).
 * Creating and changing run serializable: two requests cannot both take a key in one form.
 */
export function intakeFieldCatalogue(deps: { uow: UnitOfWork }) {
  const { uow } = deps;
  return {
    /** With `serviceId`: the questions a booking of it is asked, in form order; 422 if unknown. */
    list: (p: Principal, serviceId?: string) =>
      uow.run(p.tenantId, async (r) => {
        if (serviceId) await assertService(r, serviceId, 'query.serviceId');
        return r.intakeFields.list({ serviceId });
      }),

    create: (p: Principal, body: CreateIntakeField) =>
      uow.run(
        p.tenantId,
        async (r) => {
          await assertService(r, body.serviceId, 'body.serviceId');
          await assertKeyFree(r, body.key, body.serviceId);
          return r.intakeFields.create(body);
        },
        { isolationLevel: 'Serializable' },
      ),

    update: (p: Principal, id: string, body: UpdateIntakeField) =>
      uow.run(
        p.tenantId,
        async (r) => {
          const current = await r.intakeFields.get(id);
          if (!current) throw notFound('Intake field');
          // Options depend on the type, so a change of either is checked on the merged result. A
          // stored type this version does not know counts as text, as on the form.
          if (body.type !== undefined || body.options !== undefined) {
            const issues = intakeOptionsIssues(
              body.type ?? intakeFieldTypeSchema.catch('text').parse(current.type),
              body.options ?? current.options,
            );
            if (issues.length > 0)
              throw validationFailed(
                issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })),
              );
          }
          const serviceId = body.serviceId === undefined ? current.serviceId : body.serviceId;
          if (body.serviceId !== undefined) await assertService(r, serviceId, 'body.serviceId');
          if (body.key !== undefined || body.serviceId !== undefined)
            await assertKeyFree(r, body.key ?? current.key, serviceId, id);
          return (await r.intakeFields.update(id, body))!;
        },
        { isolationLevel: 'Serializable' },
      ),

    /** Answers already given keep their copies of the key, label and value. */
    remove: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        if (!(await r.intakeFields.delete(id))) throw notFound('Intake field');
      }),
  };
}
export type IntakeFieldCatalogue = ReturnType<typeof intakeFieldCatalogue>;
