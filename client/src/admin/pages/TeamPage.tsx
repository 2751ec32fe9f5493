import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { membersContract, type Role } from '@slotwise/contracts';
import type { z } from 'zod';
import { EntityDialog, fieldProps, useEntityForm } from '../ui/entity-form';
import { formatDateTime } from '../../shared/time';
import { ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { collect } from '../data';
import { apiMessage, PageHeader, Select, TextInput, useToast } from '../ui/kit';
import { useI18n } from '../../shared/i18n';

const ROLES = ['owner', 'admin', 'staff', 'viewer'] as const satisfies readonly Role[];

/** Each role's name and what it may do, in the active language. */
function useRoles() {
  const { t } = useI18n();
  const label = (role: Role) => t(`admin.team.role.${role}`);
  return ROLES.map((role) => ({ role, label: label(role), what: t(`admin.team.what.${role}`) }));
}

export function TeamPage() {
  const { session, me, can } = useAuth();
  const queryClient = useQueryClient();
  const notify = useToast();
  const { t, locale } = useI18n();
  const roles = useRoles();
  const roleName = (role: Role) => roles.find((r) => r.role === role)?.label ?? role;
  const key = ['admin', 'members'];
  const members = useQuery({
    queryKey: key,
    queryFn: () => collect(session.sdk.members.list({ query: { limit: 200 } })),
  });
  const [adding, setAdding] = useState(false);
  const manage = can('admin');

  const changeRole = useMutation({
    mutationFn: (v: { id: string; role: Role }) =>
      session.sdk.members.update({ params: { id: v.id }, body: { role: v.role } }),
    onSuccess: (m) => {
      void queryClient.invalidateQueries({ queryKey: key });
      notify(t('admin.team.roleChanged', { name: m.name, role: t(`admin.team.roleInText.${m.role}`) }));
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  const remove = useMutation({
    mutationFn: (id: string) => session.sdk.members.remove({ params: { id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      notify(t('admin.team.removed'));
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });

  return (
    <>
      <PageHeader
        title={t('admin.team.title')}
        description={t('admin.team.description')}
        actions={
          manage && (
            <button type="button" className="btn btn--primary" onClick={() => setAdding(true)}>
              {t('admin.team.add')}
            </button>
          )
        }
      />
      {members.isPending ? (
        <Loading label={t('admin.team.loading')} />
      ) : members.isError ? (
        <ErrorState
          title={t('admin.team.loadError')}
          message={apiMessage(members.error)}
          onRetry={() => members.refetch()}
        />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.team.colName')}</th>
                <th scope="col">{t('admin.team.colEmail')}</th>
                <th scope="col">{t('admin.team.colRole')}</th>
                <th scope="col">{t('admin.team.colSince')}</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.team.colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => {
                const self = m.userId === me.user?.id;
                return (
                  <tr key={m.id}>
                    <td>
                      {m.name} {self && <span className="muted">{t('admin.team.you')}</span>}
                    </td>
                    <td>{m.email}</td>
                    <td>
                      {manage && !self ? (
                        <select
                          className="input input--inline"
                          aria-label={t('admin.team.roleOf', { name: m.name })}
                          value={m.role}
                          onChange={(e) =>
                            changeRole.mutate({ id: m.id, role: e.target.value as Role })
                          }
                        >
                          {roles.map((r) => (
                            <option key={r.role} value={r.role}>
                              {r.label}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <span className="badge">{roleName(m.role)}</span>
                      )}
                    </td>
                    <td>{formatDateTime(m.createdAt, me.tenant.timeZone, locale)}</td>
                    <td className="cell-actions">
                      {manage && !self && (
                        <button
                          type="button"
                          className="btn btn--ghost btn--small danger-text"
                          onClick={() =>
                            window.confirm(
                              t('admin.team.removeConfirm', { name: m.name, business: me.tenant.name }),
                            ) &&
                            remove.mutate(m.id)
                          }
                        >
                          {t('admin.team.remove')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <dl className="roles">
        {roles.map((r) => (
          <div key={r.role}>
            <dt>{r.label}</dt>
            <dd className="muted">{r.what}</dd>
          </div>
        ))}
      </dl>
      {adding && (
        <AddMember
          onClose={() => setAdding(false)}
          onAdded={() => void queryClient.invalidateQueries({ queryKey: key })}
        />
      )}
    </>
  );
}

const addMemberSchema = membersContract.add.body;

function AddMember({ onClose, onAdded }: { onClose(): void; onAdded(): void }) {
  const { session } = useAuth();
  const notify = useToast();
  const { t } = useI18n();
  const roles = useRoles();
  const form = useEntityForm(addMemberSchema, { name: '', email: '', role: 'staff' });
  const add = useMutation({
    mutationFn: (body: z.output<typeof addMemberSchema>) => session.sdk.members.add({ body }),
    onSuccess: (m) => {
      onAdded();
      notify(
        t('admin.team.added', { name: m.name, role: t(`admin.team.roleInText.${m.role}`) }),
      );
      onClose();
    },
  });
  return (
    <EntityDialog
      title={t('admin.team.dialog.title')}
      form={form}
      save={add}
      submitLabel={t('admin.team.add')}
      onClose={onClose}
    >
      <TextInput label={t('admin.team.dialog.name')} required autoFocus {...fieldProps(form, 'name')} />
      <TextInput
        label={t('admin.team.dialog.email')}
        type="email" required {...fieldProps(form, 'email')} />
      <Select label={t('admin.team.dialog.role')} {...form.register('role')}>
        {roles.filter((r) => r.role !== 'owner').map((r) => (
          <option key={r.role} value={r.role}>
            {r.label} — {r.what}
          </option>
        ))}
      </Select>
      <TextInput
        label={t('admin.team.dialog.password')}
        type="password"
        autoComplete="new-password"
        hint={t('admin.team.dialog.passwordHint')}
        {...fieldProps(form, 'password', { setValueAs: (v: string) => (v ? v : undefined) })}
      />
    </EntityDialog>
  );
}
