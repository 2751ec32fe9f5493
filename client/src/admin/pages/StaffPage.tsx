import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { textOn } from '../../shared/colors';
import { Link, navigate } from '../../shared/router';
import { formatLocalDate, timeZones, todayIn } from '../../shared/time';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import {
  adminKeys,
  collect,
  useProviderList,
  useServiceList,
  useTenantProfile,
  type Provider,
} from '../data';
import {
  Card,
  Checkbox,
  CheckboxSet,
  Dialog,
  ErrorNote,
  fieldErrors,
  PageHeader,
  Select,
  TextArea,
  TextInput,
  useToast,
} from '../ui/kit';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function StaffPage({ openId }: { openId?: string }) {
  const { can } = useAuth();
  const providers = useProviderList();
  const [creating, setCreating] = useState(false);
  const selected =
    providers.data?.find((p) => p.id === openId) ?? (openId ? undefined : providers.data?.[0]);

  return (
    <>
      <PageHeader
        title="Staff & hours"
        description="The people (or rooms) customers book, their weekly hours and time off, and the days the business is closed."
        actions={
          can('admin') && (
            <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
              Add staff member
            </button>
          )
        }
      />
      {providers.isPending ? (
        <Loading label="Loading staff…" />
      ) : providers.isError ? (
        <ErrorState title="Could not load staff" onRetry={() => providers.refetch()} />
      ) : providers.data.length === 0 ? (
        <Empty title="No staff yet">
          <p>
            Add yourself or your team: each person gets their own working hours and calendar column.
          </p>
          {can('admin') && (
            <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
              Add staff member
            </button>
          )}
        </Empty>
      ) : (
        <div className="split">
          <nav aria-label="Staff members" className="split__list">
            <ul className="list">
              {providers.data.map((p) => (
                <li key={p.id}>
                  <Link
                    to={`/admin/staff/${p.id}`}
                    className={`list__item${selected?.id === p.id ? ' list__item--active' : ''}`}
                    aria-current={selected?.id === p.id ? 'true' : undefined}
                  >
                    <span
                      className="dot"
                      style={{ background: p.color ?? '#9ca3af' }}
                      aria-hidden="true"
                    />
                    <span>
                      <strong>{p.name}</strong>
                      <span className="muted small block">
                        {p.kind === 'room' ? 'Room' : 'Staff'} · {p.timeZone}
                        {!p.active && ' · inactive'}
                      </span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="split__detail">
            {selected ? (
              <ProviderDetail key={selected.id} provider={selected} />
            ) : (
              <ErrorState title="No such staff member" />
            )}
          </div>
        </div>
      )}
      <Holidays />
      {creating && <ProviderDialog provider={null} onClose={() => setCreating(false)} />}
    </>
  );
}

function ProviderDetail({ provider }: { provider: Provider }) {
  const { can } = useAuth();
  const services = useServiceList();
  const [editing, setEditing] = useState(false);
  return (
    <div className="stack">
      <Card
        title={provider.name}
        actions={
          can('admin') && (
            <button
              type="button"
              className="btn btn--secondary btn--small"
              onClick={() => setEditing(true)}
            >
              Edit profile
            </button>
          )
        }
      >
        <dl className="facts">
          <div>
            <dt>Offers</dt>
            <dd>
              {provider.serviceIds.length ? (
                provider.serviceIds
                  .map((id) => services.data?.find((s) => s.id === id)?.name ?? '…')
                  .join(', ')
              ) : (
                <span className="warn-text">No services yet</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Time zone</dt>
            <dd>{provider.timeZone}</dd>
          </div>
          {provider.email && (
            <div>
              <dt>Email</dt>
              <dd>{provider.email}</dd>
            </div>
          )}
        </dl>
      </Card>
      <WeeklyHours provider={provider} />
      <TimeOff provider={provider} />
      {editing && <ProviderDialog provider={provider} onClose={() => setEditing(false)} />}
    </div>
  );
}

type Row = { startTime: string; endTime: string };

function WeeklyHours({ provider }: { provider: Provider }) {
  const { session, can } = useAuth();
  const notify = useToast();
  const queryClient = useQueryClient();
  const key = ['admin', 'hours', provider.id];
  const hours = useQuery({
    queryKey: key,
    queryFn: () => session.sdk.schedules.getHours({ params: { id: provider.id } }),
  });
  const [week, setWeek] = useState<Row[][] | null>(null);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!hours.data || dirty) return;
    const w: Row[][] = WEEKDAYS.map(() => []);
    for (const i of hours.data.intervals)
      w[i.weekday - 1]!.push({ startTime: i.startTime, endTime: i.endTime });
    setWeek(w);
  }, [hours.data, dirty]);

  const save = useMutation({
    mutationFn: () =>
      session.sdk.schedules.putHours({
        params: { id: provider.id },
        body: {
          intervals: week!.flatMap((rows, d) =>
            rows.map((r) => ({ weekday: d + 1, startTime: r.startTime, endTime: r.endTime })),
          ),
        },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(key, data);
      setDirty(false);
      notify(`Saved ${provider.name}’s hours`);
    },
  });

  if (hours.isPending || !week)
    return (
      <Card title="Weekly hours">
        {hours.isError ? (
          <ErrorState title="Could not load hours" onRetry={() => hours.refetch()} />
        ) : (
          <Loading label="Loading hours…" />
        )}
      </Card>
    );

  const update = (fn: (w: Row[][]) => Row[][]) => {
    setWeek(fn(week.map((r) => r.map((x) => ({ ...x })))));
    setDirty(true);
  };
  const flatIndex = (day: number, i: number) =>
    week.slice(0, day).reduce((n, r) => n + r.length, 0) + i;
  const errors = fieldErrors(save.error);
  const editable = can('admin');

  return (
    <Card
      title="Weekly hours"
      actions={
        editable && (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() =>
              update((w) => w.map((rows, d) => (d < 5 ? w[0]!.map((r) => ({ ...r })) : rows)))
            }
            disabled={week[0]!.length === 0}
          >
            Copy Monday to weekdays
          </button>
        )
      }
    >
      <p className="muted small">
        Wall-clock times in {hours.data?.timeZone}; daylight-saving changes never move them.
      </p>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <ul className="week">
          {WEEKDAYS.map((name, d) => {
            const rows = week[d]!;
            return (
              <li key={name} className="week__day">
                <Checkbox
                  label={name}
                  checked={rows.length > 0}
                  disabled={!editable}
                  onChange={(e) =>
                    update(
                      (w) =>
                        w.map((r, i) =>
                          i === d
                            ? e.target.checked
                              ? [{ startTime: '09:00', endTime: '17:00' }]
                              : []
                            : r,
                        ) as Row[][],
                    )
                  }
                />
                <div className="week__rows">
                  {rows.length === 0 && <span className="muted">Closed</span>}
                  {rows.map((r, i) => {
                    const err =
                      errors[`intervals.${flatIndex(d, i)}.startTime`] ??
                      errors[`intervals.${flatIndex(d, i)}.endTime`];
                    return (
                      <div key={i} className="week__row">
                        <label
                          className="sr-only"
                          htmlFor={`h-${d}-${i}-s`}
                        >{`${name} interval ${i + 1} start`}</label>
                        <input
                          id={`h-${d}-${i}-s`}
                          type="time"
                          className="input input--time"
                          value={r.startTime}
                          disabled={!editable}
                          aria-invalid={err ? true : undefined}
                          onChange={(e) =>
                            update((w) => ((w[d]![i]!.startTime = e.target.value), w))
                          }
                        />
                        <span aria-hidden="true">–</span>
                        <label
                          className="sr-only"
                          htmlFor={`h-${d}-${i}-e`}
                        >{`${name} interval ${i + 1} end`}</label>
                        <input
                          id={`h-${d}-${i}-e`}
                          type="time"
                          className="input input--time"
                          value={r.endTime}
                          disabled={!editable}
                          aria-invalid={err ? true : undefined}
                          onChange={(e) => update((w) => ((w[d]![i]!.endTime = e.target.value), w))}
                        />
                        {editable && (
                          <button
                            type="button"
                            className="icon-btn icon-btn--small"
                            aria-label={`Remove ${name} interval ${i + 1}`}
                            onClick={() => update((w) => (w[d]!.splice(i, 1), w))}
                          >
                            ×
                          </button>
                        )}
                        {err && <span className="field__error">{err}</span>}
                      </div>
                    );
                  })}
                  {editable && rows.length > 0 && (
                    <button
                      type="button"
                      className="link-btn small"
                      onClick={() =>
                        update(
                          (w) => (
                            w[d]!.push({ startTime: rows.at(-1)!.endTime, endTime: '20:00' }),
                            w
                          ),
                        )
                      }
                    >
                      + Add a break / split shift
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
        {save.isError && !Object.keys(errors).length && <ErrorNote error={save.error} />}
        {editable && (
          <div className="form-actions">
            <button className="btn btn--primary" disabled={!dirty || save.isPending}>
              {save.isPending ? 'Saving…' : 'Save hours'}
            </button>
            {dirty && (
              <button type="button" className="btn btn--ghost" onClick={() => setDirty(false)}>
                Discard changes
              </button>
            )}
          </div>
        )}
      </form>
    </Card>
  );
}

function TimeOff({ provider }: { provider: Provider }) {
  const { session, can } = useAuth();
  const notify = useToast();
  const queryClient = useQueryClient();
  const key = ['admin', 'overrides', provider.id];
  const today = todayIn(provider.timeZone);
  const list = useQuery({
    queryKey: key,
    queryFn: () =>
      collect(
        session.sdk.schedules.listOverrides({
          params: { id: provider.id },
          query: { from: today, limit: 200 },
        }),
      ),
  });
  const [form, setForm] = useState({
    startDate: today,
    endDate: today,
    mode: 'off',
    startTime: '10:00',
    endTime: '14:00',
    reason: '',
  });
  const create = useMutation({
    mutationFn: () =>
      session.sdk.schedules.createOverride({
        params: { id: provider.id },
        body: {
          startDate: form.startDate,
          endDate: form.endDate,
          reason: form.reason,
          intervals:
            form.mode === 'off' ? [] : [{ startTime: form.startTime, endTime: form.endTime }],
        },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      notify('Time off added');
      setForm({ ...form, reason: '' });
    },
  });
  const remove = useMutation({
    mutationFn: (overrideId: string) =>
      session.sdk.schedules.deleteOverride({ params: { id: provider.id, overrideId } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const errors = fieldErrors(create.error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  return (
    <Card title="Time off and special hours">
      {list.isPending ? (
        <Loading label="Loading…" />
      ) : list.isError ? (
        <ErrorState title="Could not load time off" onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="muted">No upcoming time off.</p>
      ) : (
        <ul className="rows">
          {list.data.map((o) => (
            <li key={o.id} className="rows__item">
              <span>
                <strong>
                  {o.startDate === o.endDate
                    ? formatLocalDate(o.startDate, 'en', 'short')
                    : `${formatLocalDate(o.startDate, 'en', 'short')} – ${formatLocalDate(o.endDate, 'en', 'short')}`}
                </strong>{' '}
                {o.intervals.length === 0 ? (
                  <span className="badge">Off</span>
                ) : (
                  <span className="badge badge--confirmed">
                    {o.intervals.map((i) => `${i.startTime}–${i.endTime}`).join(', ')}
                  </span>
                )}
                {o.reason && <span className="muted"> · {o.reason}</span>}
              </span>
              {can('admin') && (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => remove.mutate(o.id)}
                  aria-label={`Remove time off from ${o.startDate}`}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {can('admin') && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <TextInput
            label="From"
            type="date"
            value={form.startDate}
            onChange={set('startDate')}
            error={errors.startDate}
            required
          />
          <TextInput
            label="To"
            type="date"
            value={form.endDate}
            onChange={set('endDate')}
            error={errors.endDate}
            required
          />
          <Select label="Kind" value={form.mode} onChange={set('mode')}>
            <option value="off">Day(s) off</option>
            <option value="hours">Special hours</option>
          </Select>
          {form.mode === 'hours' && (
            <>
              <TextInput
                label="Start"
                type="time"
                value={form.startTime}
                onChange={set('startTime')}
              />
              <TextInput
                label="End"
                type="time"
                value={form.endTime}
                onChange={set('endTime')}
                error={errors['intervals.0.endTime']}
              />
            </>
          )}
          <TextInput
            label="Reason"
            placeholder="e.g. Holiday"
            value={form.reason}
            onChange={set('reason')}
          />
          <button className="btn btn--secondary" disabled={create.isPending}>
            Add
          </button>
        </form>
      )}
      {create.isError && !Object.keys(errors).length && <ErrorNote error={create.error} />}
    </Card>
  );
}

function Holidays() {
  const { session, can } = useAuth();
  const tenant = useTenantProfile();
  const queryClient = useQueryClient();
  const notify = useToast();
  const today = todayIn(tenant.data?.timeZone ?? 'UTC');
  const key = ['admin', 'blackouts'];
  const list = useQuery({
    queryKey: key,
    queryFn: () => collect(session.sdk.blackouts.list({ query: { from: today, limit: 200 } })),
  });
  const [form, setForm] = useState({ name: '', startDate: today, endDate: today });
  const create = useMutation({
    mutationFn: () => session.sdk.blackouts.create({ body: form }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      notify('Closure added');
      setForm({ ...form, name: '' });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => session.sdk.blackouts.remove({ params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const errors = fieldErrors(create.error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  return (
    <Card title="Holidays and closures" className="mt">
      <p className="muted small">
        Whole days the whole business is closed ({tenant.data?.timeZone}). No times are offered on
        them.
      </p>
      {list.isPending ? (
        <Loading label="Loading…" />
      ) : list.isError ? (
        <ErrorState title="Could not load closures" onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="muted">No upcoming closures.</p>
      ) : (
        <ul className="rows">
          {list.data.map((b) => (
            <li key={b.id} className="rows__item">
              <span>
                <strong>{b.name}</strong> ·{' '}
                {b.startDate === b.endDate
                  ? formatLocalDate(b.startDate, 'en', 'short')
                  : `${formatLocalDate(b.startDate, 'en', 'short')} – ${formatLocalDate(b.endDate, 'en', 'short')}`}
              </span>
              {can('admin') && (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => remove.mutate(b.id)}
                  aria-label={`Remove ${b.name}`}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {can('admin') && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <TextInput
            label="Name"
            placeholder="e.g. New Year’s Day"
            value={form.name}
            onChange={set('name')}
            error={errors.name}
            required
          />
          <TextInput
            label="From"
            type="date"
            value={form.startDate}
            onChange={set('startDate')}
            error={errors.startDate}
            required
          />
          <TextInput
            label="To"
            type="date"
            value={form.endDate}
            onChange={set('endDate')}
            error={errors.endDate}
            required
          />
          <button className="btn btn--secondary" disabled={create.isPending}>
            Add closure
          </button>
        </form>
      )}
      {create.isError && !Object.keys(errors).length && <ErrorNote error={create.error} />}
    </Card>
  );
}

const COLORS = [
  '#4f46e5',
  '#e11d48',
  '#2563eb',
  '#16a34a',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#db2777',
];

function ProviderDialog({ provider, onClose }: { provider: Provider | null; onClose(): void }) {
  const { session } = useAuth();
  const tenant = useTenantProfile();
  const services = useServiceList();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [f, setF] = useState({
    name: provider?.name ?? '',
    kind: provider?.kind ?? 'staff',
    email: provider?.email ?? '',
    bio: provider?.bio ?? '',
    timeZone: provider?.timeZone ?? tenant.data?.timeZone ?? 'UTC',
    color: provider?.color ?? COLORS[Math.floor(Math.random() * COLORS.length)]!,
    active: provider?.active ?? true,
    serviceIds: provider?.serviceIds ?? services.data?.map((s) => s.id) ?? [],
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const body = () => ({ ...f, kind: f.kind as 'staff' | 'room', email: f.email.trim() || null });
  const save = useMutation({
    mutationFn: () =>
      provider
        ? session.sdk.providers.update({ params: { id: provider.id }, body: body() })
        : session.sdk.providers.create({ body: body() }),
    onSuccess: (p) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.providers });
      void queryClient.invalidateQueries({ queryKey: adminKeys.services });
      notify(provider ? `Saved ${p.name}` : `Added ${p.name}: now set their weekly hours`);
      onClose();
      navigate(`/admin/staff/${p.id}`);
    },
  });
  const remove = useMutation({
    mutationFn: () => session.sdk.providers.remove({ params: { id: provider!.id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.providers });
      notify('Removed');
      onClose();
      navigate('/admin/staff');
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <Dialog
      open
      title={provider ? `Edit ${provider.name}` : 'Add staff member'}
      onClose={onClose}
      wide
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        {save.isError && <ErrorNote error={save.error} />}
        <div className="grid-2">
          <TextInput
            label="Name"
            required
            value={f.name}
            onChange={set('name')}
            error={errors.name}
            autoFocus
          />
          <Select label="Kind" value={f.kind} onChange={set('kind')}>
            <option value="staff">Person</option>
            <option value="room">Room or resource</option>
          </Select>
          <TextInput
            label="Email"
            type="email"
            value={f.email}
            onChange={set('email')}
            error={errors.email}
          />
          <Select
            label="Time zone of their hours"
            value={f.timeZone}
            onChange={set('timeZone')}
            error={errors.timeZone}
          >
            {timeZones(f.timeZone).map((z) => (
              <option key={z}>{z}</option>
            ))}
          </Select>
        </div>
        <TextArea
          label="Short bio"
          hint="Shown to customers when they choose who to book"
          value={f.bio}
          onChange={set('bio')}
          error={errors.bio}
        />
        <fieldset className="field">
          <legend className="field__label">Calendar colour</legend>
          <div className="swatches">
            {COLORS.map((c) => (
              <button
                key={c}
                type="button"
                className={`swatch${f.color === c ? ' swatch--on' : ''}`}
                style={{ background: c, color: textOn(c) }}
                aria-label={`Colour ${c}`}
                aria-pressed={f.color === c}
                onClick={() => setF({ ...f, color: c })}
              >
                {f.color === c ? '✓' : ''}
              </button>
            ))}
          </div>
        </fieldset>
        <CheckboxSet
          legend="Services they offer"
          items={services.data}
          selected={f.serviceIds}
          onChange={(serviceIds) => setF({ ...f, serviceIds })}
          empty="No services yet."
        />
        <Checkbox
          label="Takes bookings"
          checked={f.active}
          onChange={(e) => setF({ ...f, active: e.target.checked })}
        />
        <div className="dialog__actions">
          {provider && (
            <button
              type="button"
              className="btn btn--ghost danger-text"
              onClick={() =>
                window.confirm(`Remove ${provider.name}? Their existing bookings stay.`) &&
                remove.mutate()
              }
            >
              Remove
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="btn btn--secondary" onClick={onClose}>
            Cancel
          </button>
          <button className="btn btn--primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : provider ? 'Save' : 'Add'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
