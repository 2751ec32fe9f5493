import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiKeyModeSchema, apiKeysContract } from '@slotwise/contracts';
import { z } from 'zod';
import { formatDateTime } from '../../shared/time';
import { EntityDialog, fieldProps, useEntityForm } from '../ui/entity-form';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { collect } from '../data';
import { apiMessage, Checkbox, PageHeader, Select, TextInput, useToast } from '../ui/kit';
import { SecretOnce } from '../ui/secret-once';
import { useI18n } from '../../shared/i18n';

export function ApiKeysPage() {
  const { session, me, can } = useAuth();
  const queryClient = useQueryClient();
  const notify = useToast();
  const { t, locale } = useI18n();
  const key = ['admin', 'api-keys'];
  const keys = useQuery({
    queryKey: key,
    enabled: can('admin'),
    queryFn: () => collect(session.sdk.apiKeys.list({ query: { limit: 200 } })),
  });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => session.sdk.apiKeys.revoke({ params: { id } }),
    onSuccess: (k) => {
      void queryClient.invalidateQueries({ queryKey: key });
      notify(t('admin.apiKeys.revokedToast', { name: k.name }));
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });

  if (!can('admin')) return <ErrorState title={t('admin.apiKeys.adminOnly')} />;
  return (
    <>
      <PageHeader
        title={t('admin.apiKeys.title')}
        description={t('admin.apiKeys.description')}
        actions={
          <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
            {t('admin.apiKeys.create')}
          </button>
        }
      />
      {secret && (
        <SecretOnce
          title={t('admin.apiKeys.secretTitle', { name: secret.name })}
          secret={secret.secret}
          testId="api-key-secret"
          onDismiss={() => setSecret(null)}
        />
      )}
      {keys.isPending ? (
        <Loading label={t('admin.apiKeys.loading')} />
      ) : keys.isError ? (
        <ErrorState
          title={t('admin.apiKeys.loadError')}
          message={apiMessage(keys.error)}
          onRetry={() => keys.refetch()}
        />
      ) : keys.data.length === 0 ? (
        <Empty title={t('admin.apiKeys.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.apiKeys.colName')}</th>
                <th scope="col">{t('admin.apiKeys.colKey')}</th>
                <th scope="col">{t('admin.apiKeys.colScopes')}</th>
                <th scope="col">{t('admin.apiKeys.colLastUsed')}</th>
                <th scope="col">{t('admin.apiKeys.colStatus')}</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.apiKeys.colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.prefix}…</code>{' '}
                    <span className={`badge${k.mode === 'live' ? ' badge--completed' : ''}`}>
                      {t(`admin.apiKeys.mode.${k.mode}`)}
                    </span>
                  </td>
                  <td>{k.scopes.join(', ')}</td>
                  <td>
                    {k.lastUsedAt
                      ? formatDateTime(k.lastUsedAt, me.tenant.timeZone, locale)
                      : t('admin.apiKeys.never')}
                  </td>
                  <td>
                    {k.revokedAt ? (
                      <span className="badge badge--cancelled">{t('admin.apiKeys.revoked')}</span>
                    ) : (
                      <span className="badge badge--confirmed">{t('admin.apiKeys.active')}</span>
                    )}
                  </td>
                  <td className="cell-actions">
                    {!k.revokedAt && (
                      <button
                        type="button"
                        className="btn btn--ghost btn--small danger-text"
                        onClick={() =>
                          window.confirm(t('admin.apiKeys.revokeConfirm', { name: k.name })) &&
                          revoke.mutate(k.id)
                        }
                      >
                        {t('admin.apiKeys.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && (
        <CreateKey
          onClose={() => setCreating(false)}
          onCreated={(name, s) => {
            setSecret({ name, secret: s });
            void queryClient.invalidateQueries({ queryKey: key });
          }}
        />
      )}
    </>
  );
}

/** The inputs (a "write" tick) → the contract's body, checked by the contract. */
const createKeySchema = z
  .object({ name: z.string(), mode: apiKeyModeSchema, write: z.boolean() })
  .transform(({ name, mode, write }) => ({
    name,
    mode,
    scopes: write ? ['read', 'write'] : ['read'],
  }))
  .pipe(apiKeysContract.create.body);

function CreateKey({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(name: string, secret: string): void;
}) {
  const { session } = useAuth();
  const { t } = useI18n();
  const form = useEntityForm(createKeySchema, { name: '', mode: 'test', write: true });
  const create = useMutation({
    mutationFn: (body: z.output<typeof createKeySchema>) => session.sdk.apiKeys.create({ body }),
    onSuccess: (r) => {
      onCreated(r.apiKey.name, r.secret);
      onClose();
    },
  });
  return (
    <EntityDialog
      title={t('admin.apiKeys.dialog.title')}
      form={form}
      save={create}
      submitLabel={t('admin.apiKeys.create')}
      onClose={onClose}
    >
      <TextInput
        label={t('admin.apiKeys.dialog.name')}
        placeholder={t('admin.apiKeys.dialog.namePlaceholder')}
        required
        autoFocus
        {...fieldProps(form, 'name')}
      />
      <Select label={t('admin.apiKeys.dialog.mode')} {...form.register('mode')}>
        <option value="test">{t('admin.apiKeys.dialog.test')}</option>
        <option value="live">{t('admin.apiKeys.dialog.live')}</option>
      </Select>
      <Checkbox
        label={t('admin.apiKeys.dialog.write')}
        hint={t('admin.apiKeys.dialog.writeHint')}
        {...form.register('write')}
      />
    </EntityDialog>
  );
}
