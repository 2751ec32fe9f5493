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

export function ApiKeysPage() {
  const { session, me, can } = useAuth();
  const queryClient = useQueryClient();
  const notify = useToast();
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
      notify(`Revoked “${k.name}”`);
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });

  if (!can('admin')) return <ErrorState title="Only admins and owners manage API keys" />;
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let your own software use the Slotwise API for this business. Treat them like passwords."
        actions={
          <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
            Create key
          </button>
        }
      />
      {secret && (
        <SecretOnce
          title={`Copy the secret of “${secret.name}” now.`}
          secret={secret.secret}
          testId="api-key-secret"
          onDismiss={() => setSecret(null)}
        />
      )}
      {keys.isPending ? (
        <Loading label="Loading keys…" />
      ) : keys.isError ? (
        <ErrorState
          title="Could not load API keys"
          message={apiMessage(keys.error)}
          onRetry={() => keys.refetch()}
        />
      ) : keys.data.length === 0 ? (
        <Empty title="No API keys yet" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
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
                      {k.mode}
                    </span>
                  </td>
                  <td>{k.scopes.join(', ')}</td>
                  <td>
                    {k.lastUsedAt
                      ? formatDateTime(k.lastUsedAt, me.tenant.timeZone, 'en')
                      : 'Never'}
                  </td>
                  <td>
                    {k.revokedAt ? (
                      <span className="badge badge--cancelled">Revoked</span>
                    ) : (
                      <span className="badge badge--confirmed">Active</span>
                    )}
                  </td>
                  <td className="cell-actions">
                    {!k.revokedAt && (
                      <button
                        type="button"
                        className="btn btn--ghost btn--small danger-text"
                        onClick={() =>
                          window.confirm(
                            `Revoke “${k.name}”? Software using it stops working at once.`,
                          ) && revoke.mutate(k.id)
                        }
                      >
                        Revoke
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
      title="Create an API key"
      form={form}
      save={create}
      submitLabel="Create key"
      onClose={onClose}
    >
      <TextInput
        label="Name"
        placeholder="e.g. Website integration"
        required
        autoFocus
        {...fieldProps(form, 'name')}
      />
      <Select label="Mode" {...form.register('mode')}>
        <option value="test">Test</option>
        <option value="live">Live</option>
      </Select>
      <Checkbox
        label="Allow changes (write scope)"
        hint="Without it the key can only read"
        {...form.register('write')}
      />
    </EntityDialog>
  );
}
