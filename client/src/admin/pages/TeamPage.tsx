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

const ROLES: { role: Role; label: string; what: string }[] = [
  { role: 'owner', label: 'Owner', what: 'Everything, including billing and the team' },
  {
    role: 'admin',
    label: 'Admin',
    what: 'Everything but ownership: services, staff, settings, team, API keys',
  },
  { role: 'staff', label: 'Staff', what: 'Bookings and customers' },
  { role: 'viewer', label: 'Viewer', what: 'Read-only' },
];

export function TeamPage() {
  const { session, me, can } = useAuth();
  const queryClient = useQueryClient();
  const notify = useToast();
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
      notify(`${m.name} is now ${m.role}`);
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  const remove = useMutation({
    mutationFn: (id: string) => session.sdk.members.remove({ params: { id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      notify('Member removed');
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });

  return (
    <>
      <PageHeader
        title="Team"
        description="Who can log in to this business, and what they may do."
        actions={
          manage && (
            <button type="button" className="btn btn--primary" onClick={() => setAdding(true)}>
              Add member
            </button>
          )
        }
      />
      {members.isPending ? (
        <Loading label="Loading team…" />
      ) : members.isError ? (
        <ErrorState
          title="Could not load the team"
          message={apiMessage(members.error)}
          onRetry={() => members.refetch()}
        />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Since</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => {
                const self = m.userId === me.user?.id;
                return (
                  <tr key={m.id}>
                    <td>
                      {m.name} {self && <span className="muted">(you)</span>}
                    </td>
                    <td>{m.email}</td>
                    <td>
                      {manage && !self ? (
                        <select
                          className="input input--inline"
                          aria-label={`Role of ${m.name}`}
                          value={m.role}
                          onChange={(e) =>
                            changeRole.mutate({ id: m.id, role: e.target.value as Role })
                          }
                        >
                          {ROLES.map((r) => (
                            <option key={r.role} value={r.role}>
                              {r.label}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <span className="badge">{m.role}</span>
                      )}
                    </td>
                    <td>{formatDateTime(m.createdAt, me.tenant.timeZone, 'en')}</td>
                    <td className="cell-actions">
                      {manage && !self && (
                        <button
                          type="button"
                          className="btn btn--ghost btn--small danger-text"
                          onClick={() =>
                            window.confirm(`Remove ${m.name} from ${me.tenant.name}?`) &&
                            remove.mutate(m.id)
                          }
                        >
                          Remove
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
        {ROLES.map((r) => (
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
  const form = useEntityForm(addMemberSchema, { name: '', email: '', role: 'staff' });
  const add = useMutation({
    mutationFn: (body: z.output<typeof addMemberSchema>) => session.sdk.members.add({ body }),
    onSuccess: (m) => {
      onAdded();
      notify(`${m.name} added as ${m.role}`);
      onClose();
    },
  });
  return (
    <EntityDialog
      title="Add a team member"
      form={form}
      save={add}
      submitLabel="Add member"
      onClose={onClose}
    >
      <TextInput label="Name" required autoFocus {...fieldProps(form, 'name')} />
      <TextInput label="Email" type="email" required {...fieldProps(form, 'email')} />
      <Select label="Role" {...form.register('role')}>
        {ROLES.filter((r) => r.role !== 'owner').map((r) => (
          <option key={r.role} value={r.role}>
            {r.label} — {r.what}
          </option>
        ))}
      </Select>
      <TextInput
        label="Initial password"
        type="password"
        autoComplete="new-password"
        hint="Only for someone without a Slotwise login yet (10+ characters)"
        {...fieldProps(form, 'password', { setValueAs: (v: string) => (v ? v : undefined) })}
      />
    </EntityDialog>
  );
}
