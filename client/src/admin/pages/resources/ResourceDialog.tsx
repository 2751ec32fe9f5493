import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createResourceSchema, type CreateResource, type Resource } from '@slotwise/contracts';
import { useI18n } from '../../../shared/i18n';
import { useAuth } from '../../auth';
import { Checkbox, Select, TextInput, useToast } from '../../ui/kit';
import { EntityDialog, fieldProps, useEntityForm } from '../../ui/entity-form';
import { RESOURCE_KINDS, resourceKeys } from './data';
import { ResourceLocationField } from './ResourceLocationField';

/** Create or edit a resource (room, chair, equipment) and its capacity. */
export function ResourceDialog({ resource, onClose }: { resource: Resource | null; onClose(): void }) {
  const { session } = useAuth();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const notify = useToast();
  const form = useEntityForm(createResourceSchema, {
    name: resource?.name ?? '',
    kind: resource?.kind ?? 'room',
    capacity: resource?.capacity ?? 1,
    active: resource?.active ?? true,
    locationId: resource?.locationId ?? null,
  });
  const save = useMutation({
    mutationFn: (body: CreateResource) =>
      resource
        ? session.sdk.resources.update({ params: { id: resource.id }, body })
        : session.sdk.resources.create({ body }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: resourceKeys.all });
      notify(t(resource ? 'admin.resources.saved' : 'admin.resources.created', { name: r.name }));
      onClose();
    },
  });
  const remove = useMutation({
    mutationFn: () => session.sdk.resources.remove({ params: { id: resource!.id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: resourceKeys.all });
      notify(t('admin.resources.deleted'));
      onClose();
    },
  });
  return (
    <EntityDialog
      title={resource ? t('admin.resources.editNamed', { name: resource.name }) : t('admin.resources.new')}
      form={form}
      save={save}
      submitLabel={resource ? t('admin.resources.save') : t('admin.resources.create')}
      onClose={onClose}
      remove={
        resource
          ? {
              label: t('admin.resources.delete'),
              confirm: t('admin.resources.deleteConfirm', { name: resource.name }),
              mutation: remove,
            }
          : undefined
      }
    >
      <TextInput label={t('admin.resources.name')} required autoFocus {...fieldProps(form, 'name')} />
      <div className="grid-2">
        <Select label={t('admin.resources.kind')} {...fieldProps(form, 'kind')}>
          {RESOURCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`admin.resources.kind.${k}`)}
            </option>
          ))}
        </Select>
        <TextInput
          label={t('admin.resources.capacity')}
          type="number"
          min={1}
          max={1000}
          required
          {...fieldProps(form, 'capacity', { valueAsNumber: true })}
        />
      </div>
      <ResourceLocationField form={form} />
      <Checkbox label={t('admin.resources.isActive')} {...form.register('active')} />
    </EntityDialog>
  );
}
