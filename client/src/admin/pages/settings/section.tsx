import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import type { updateTenantSchema } from '@slotwise/contracts';
import { useAuth } from '../../auth';
import { adminKeys } from '../../data';
import { Card, ErrorNote, useToast } from '../../ui/kit';
import { useI18n } from '../../../shared/i18n';

export type Patch = z.input<typeof updateTenantSchema>;

/** Saves one section of the settings (a partial PATCH of the tenant). */
export function useSave(section: string) {
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const notify = useToast();
  const { t } = useI18n();
  return useMutation({
    mutationFn: (patch: Patch) => session.sdk.tenant.update({ body: patch }),
    onSuccess: (tenant) => {
      queryClient.setQueryData(adminKeys.tenant, tenant);
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      notify(t('admin.settings.saved', { section }));
    },
  });
}

/** A settings card: its fields, its error and its own Save button. */
export function Section({
  title,
  description,
  readOnly,
  saving,
  error,
  onSubmit,
  children,
}: {
  title: string;
  description?: string;
  readOnly: boolean;
  saving: boolean;
  error: unknown;
  onSubmit(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card title={title}>
      {description && <p className="muted small">{description}</p>}
      <form
        className="form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <fieldset className="plain" disabled={readOnly}>
          {children}
        </fieldset>
        {error ? <ErrorNote error={error} /> : null}
        {!readOnly && (
          <div className="form-actions">
            <button className="btn btn--primary" disabled={saving}>
              {saving ? t('admin.settings.saving') : t('admin.settings.save')}
            </button>
          </div>
        )}
      </form>
    </Card>
  );
}
