import type { IntakeField, Prisma } from '../../../generated/prisma/client';
import type { IntakeFieldDetailRecord } from '../../../ports/records';
import type { IntakeFieldRepository } from '../../../ports/repositories';
import type { Tx } from '../with-tenant';

function toIntakeField(f: IntakeField): IntakeFieldDetailRecord {
  return {
    id: f.id,
    serviceId: f.serviceId,
    key: f.key,
    label: f.label,
    type: f.type,
    required: f.required,
    options: f.options ?? [],
    sortOrder: f.sortOrder,
    createdAt: f.createdAt,
  };
}

/** Business-wide questions, and those of services that are not deleted. */
const visible = {
  OR: [{ serviceId: null }, { service: { is: { deletedAt: null } } }],
} satisfies Prisma.IntakeFieldWhereInput;

/** The form of a service: its own questions and those asked for every service. */
const formOf = (serviceId: string) =>
  ({ OR: [{ serviceId: null }, { serviceId }] }) satisfies Prisma.IntakeFieldWhereInput;

const formOrder = [
  { sortOrder: 'asc' },
  { createdAt: 'asc' },
  { id: 'asc' },
] satisfies Prisma.IntakeFieldOrderByWithRelationInput[];

export function prismaIntakeFieldRepository(tx: Tx, tenantId: string): IntakeFieldRepository {
  const get = async (id: string) => {
    const f = await tx.intakeField.findFirst({ where: { tenantId, id, AND: [visible] } });
    return f ? toIntakeField(f) : null;
  };
  return {
    async list(filter = {}) {
      const rows = await tx.intakeField.findMany({
        where: {
          tenantId,
          AND: [visible, ...(filter.serviceId ? [formOf(filter.serviceId)] : [])],
        },
        orderBy: formOrder,
      });
      return rows.map(toIntakeField);
    },
    get,
    async keyClashes(key, serviceId, exceptId) {
      const rows = await tx.intakeField.findMany({
        where: {
          tenantId,
          key,
          ...(exceptId ? { id: { not: exceptId } } : {}),
          AND: [visible, ...(serviceId ? [formOf(serviceId)] : [])],
        },
        orderBy: formOrder,
      });
      return rows.map(toIntakeField);
    },
    async create(fields) {
      return toIntakeField(await tx.intakeField.create({ data: { tenantId, ...fields } }));
    },
    async update(id, patch) {
      const { count } = await tx.intakeField.updateMany({
        where: { tenantId, id, AND: [visible] },
        data: patch,
      });
      return count === 0 ? null : get(id);
    },
    async delete(id) {
      const { count } = await tx.intakeField.deleteMany({
        where: { tenantId, id, AND: [visible] },
      });
      return count > 0;
    },
  };
}
