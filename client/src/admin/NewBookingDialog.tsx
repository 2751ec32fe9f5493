import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { IntakeInput } from '../shared/intake/IntakeInput';
import { issuesToFieldErrors, type FieldErrors, type IntakeDraft } from '../shared/intake/intake';
import { errorCode, issuesOf } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { todayIn, wallTimeOf, type LocalDate } from '../shared/time';
import { useAuth } from './auth';
import { adminKeys, useProviderList, useServiceList, type CreatedBooking } from './data';
import {
  apiMessage,
  Checkbox,
  Dialog,
  DialogActions,
  FormErrors,
  Select,
  TextArea,
  TextInput,
} from './ui/kit';
import {
  type NewBookingDraft,
  SLOT_TAKEN,
  OVERLAP,
  validateNewBooking,
  newBookingBody,
} from './new-booking/draft';
import { FreeTimes } from './new-booking/FreeTimes';

export { BookingCreatedNotice } from './new-booking/BookingCreatedNotice';

/**
 * Staff book on a customer's behalf: service, provider (or any), a free time of the chosen day in
 * the business's zone (or, outside availability, any typed time; the API still refuses an
 * overlap), the customer and the service's intake questions.
 */
export function NewBookingDialog({
  initialDate,
  onClose,
  onCreated,
}: {
  initialDate?: LocalDate;
  onClose(): void;
  onCreated(b: CreatedBooking): void;
}) {
  const { session, me } = useAuth();
  const { t } = useI18n();
  const zone = me.tenant.timeZone;
  const slug = me.tenant.slug;
  const queryClient = useQueryClient();
  const services = useServiceList();
  const providers = useProviderList();
  const formRef = useRef<HTMLFormElement>(null);

  const [draft, setDraft] = useState<NewBookingDraft>({
    serviceId: '',
    providerId: 'any',
    date: initialDate ?? todayIn(zone),
    start: null,
    time: '09:00',
    override: false,
    name: '',
    email: '',
    phone: '',
    notes: '',
    staffNotes: '',
  });
  const [answers, setAnswers] = useState<IntakeDraft>({});
  const [submitted, setSubmitted] = useState(false);
  const [apiErrors, setApiErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);

  const offered = (services.data ?? [])
    .slice()
    .sort((a, b) => Number(b.active) - Number(a.active) || a.sortOrder - b.sortOrder);
  // Until staff choose, the first bookable service.
  const serviceId = draft.serviceId || offered[0]?.id || '';
  const service = offered.find((s) => s.id === serviceId);
  const staff = (providers.data ?? []).filter((p) => p.active && p.serviceIds.includes(serviceId));
  const d: NewBookingDraft = { ...draft, serviceId };

  const intake = useQuery({
    queryKey: adminKeys.intake(serviceId),
    enabled: Boolean(serviceId),
    retry: (n, err) => errorCode(err) !== 'not_found' && n < 1,
    queryFn: async () =>
      (await session.sdk.public.bookings.intakeFields({ params: { slug, serviceId } })).items,
  });
  // A service hidden from online booking has no public questions: there are none to ask then.
  const fields = intake.data ?? [];

  const slots = useQuery({
    queryKey: [...adminKeys.availability, serviceId, d.providerId, d.date],
    enabled: Boolean(serviceId) && /^\d{4}-\d{2}-\d{2}$/.test(d.date) && !d.override,
    staleTime: 30_000,
    retry: (n, err) => errorCode(err) !== 'not_found' && n < 1,
    queryFn: async () => {
      const a = await session.sdk.public.availability.get({
        params: { slug },
        query: {
          serviceId,
          from: d.date,
          to: d.date,
          timezone: zone,
          ...(d.providerId !== 'any' ? { providerId: d.providerId } : {}),
        },
      });
      return a.days.find((day) => day.date === d.date)?.slots ?? [];
    },
  });

  const clientErrors = submitted ? validateNewBooking(d, fields, answers, t) : {};
  const errors: FieldErrors = { ...apiErrors, ...clientErrors };
  const forget = (...keys: string[]) =>
    setApiErrors((e) => {
      const next = { ...e };
      for (const k of keys) delete next[k];
      return next;
    });
  const update = (patch: Partial<NewBookingDraft>, ...keys: string[]) => {
    forget(...keys);
    setDraft((x) => ({ ...x, serviceId: x.serviceId || serviceId, ...patch }));
  };
  const text =
    (k: 'name' | 'email' | 'phone' | 'notes' | 'staffNotes') =>
    (e: { target: { value: string } }) =>
      // Email and phone are one rule ("one of them"): editing either settles both.
      update({ [k]: e.target.value }, k, ...(k === 'phone' ? ['email'] : []));

  const focusFirstError = () =>
    requestAnimationFrame(() =>
      formRef.current
        ?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid] button')
        ?.focus(),
    );

  const create = useMutation({
    mutationFn: (body: ReturnType<typeof newBookingBody>) => session.sdk.bookings.create({ body }),
    onSuccess: (b) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.bookings });
      void queryClient.invalidateQueries({ queryKey: adminKeys.customers });
      void queryClient.invalidateQueries({ queryKey: adminKeys.availability });
      onCreated(b);
    },
    onError: (err) => {
      if (errorCode(err) === 'slot_unavailable') {
        setNotice(d.override ? OVERLAP : SLOT_TAKEN);
        setDraft((x) => ({ ...x, start: null }));
        void queryClient.invalidateQueries({ queryKey: adminKeys.availability });
        return;
      }
      const issues = issuesOf(err);
      if (issues.length) {
        setApiErrors(issuesToFieldErrors(issues));
        focusFirstError();
      }
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setNotice(null);
    const found = validateNewBooking(d, fields, answers, t);
    if (Object.keys(found).length > 0) {
      focusFirstError();
      return;
    }
    create.mutate(newBookingBody(d, fields, answers, zone));
  };

  // API issues about something the form has no control for are listed in the summary instead.
  const shown = new Set([
    'serviceId',
    'providerId',
    'date',
    'start',
    'name',
    'email',
    'phone',
    'notes',
    'staffNotes',
    ...fields.map((f) => `answers.${f.key}`),
  ]);
  const unshown = Object.entries(apiErrors).filter(([k]) => !shown.has(k));
  const count = Object.keys(errors).length - unshown.length;
  const otherError =
    create.isError &&
    !issuesOf(create.error).length &&
    errorCode(create.error) !== 'slot_unavailable';

  return (
    <Dialog open title="New booking" onClose={onClose} wide>
      <form className="form" noValidate onSubmit={submit} ref={formRef}>
        <p className="muted small">Dates and times are in the business’s time zone, {zone}.</p>
        <FormErrors count={count} unshown={unshown} error={otherError ? create.error : null} />

        <div className="grid-3">
          <Select
            label="Service"
            value={serviceId}
            error={errors.serviceId}
            autoFocus
            onChange={(e) => {
              const next = e.target.value;
              const keep = (providers.data ?? []).some(
                (p) => p.id === d.providerId && p.serviceIds.includes(next),
              );
              setAnswers({});
              setApiErrors({});
              update({ serviceId: next, start: null, providerId: keep ? d.providerId : 'any' });
            }}
          >
            {services.isPending && <option value="">Loading…</option>}
            {offered.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} · {s.durationMinutes} min{s.active ? '' : ' (hidden online)'}
              </option>
            ))}
          </Select>
          <Select
            label="With"
            value={d.providerId}
            error={errors.providerId}
            onChange={(e) => update({ providerId: e.target.value, start: null }, 'providerId')}
          >
            <option value="any">Any available</option>
            {staff.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
          <TextInput
            label="Date"
            type="date"
            required
            value={d.date}
            error={errors.date}
            onChange={(e) => update({ date: e.target.value, start: null }, 'date', 'start')}
          />
        </div>

        <Checkbox
          label="Book outside availability"
          hint="Type any time, even outside working hours, minimum notice or how far ahead customers may book. It never double-books: a time that overlaps another booking is refused."
          checked={d.override}
          onChange={(e) =>
            update(
              {
                override: e.target.checked,
                ...(e.target.checked && d.start ? { time: wallTimeOf(d.start, zone) } : {}),
              },
              'start',
            )
          }
        />

        {notice && (
          <div className="alert alert--warning" role="alert">
            {notice}
          </div>
        )}

        {d.override ? (
          <TextInput
            label={`Time (${zone})`}
            type="time"
            step={300}
            required
            className="input input--time"
            value={d.time}
            error={errors.start}
            onChange={(e) => update({ time: e.target.value }, 'start')}
          />
        ) : (
          <FreeTimes
            date={d.date}
            zone={zone}
            serviceId={serviceId}
            service={service}
            slots={slots}
            selected={d.start}
            error={errors.start}
            onPick={(start) => {
              setNotice(null);
              update({ start }, 'start');
            }}
          />
        )}

        <fieldset className="plain">
          <legend className="section-title">Customer</legend>
          <div className="grid-3">
            <TextInput
              label="Name"
              autoComplete="off"
              required
              value={d.name}
              error={errors.name}
              onChange={text('name')}
            />
            <TextInput
              label="Email"
              type="email"
              autoComplete="off"
              value={d.email}
              error={errors.email}
              hint="Email or phone: at least one"
              onChange={text('email')}
            />
            <TextInput
              label="Phone"
              type="tel"
              autoComplete="off"
              value={d.phone}
              error={errors.phone}
              onChange={text('phone')}
            />
          </div>
          <Checkbox
            label="The customer agrees to booking texts at this number"
            hint="Only with their consent; they can reply STOP at any time."
            checked={d.smsOptIn ?? false}
            onChange={(e) => update({ smsOptIn: e.target.checked }, 'phone')}
          />
          {intake.isError && errorCode(intake.error) !== 'not_found' && (
            <div className="alert alert--error">
              Could not load this service’s questions: {apiMessage(intake.error)}{' '}
              <button type="button" className="link-btn" onClick={() => intake.refetch()}>
                Try again
              </button>
            </div>
          )}
          {fields.map((f) => (
            <IntakeInput
              key={f.key}
              field={f}
              value={answers[f.key]}
              error={errors[`answers.${f.key}`]}
              onChange={(v) => {
                forget(`answers.${f.key}`);
                setAnswers((a) => ({ ...a, [f.key]: v }));
              }}
            />
          ))}
          <TextArea
            label="Customer’s note"
            hint="As if the customer wrote it; shown to them"
            value={d.notes}
            error={errors.notes}
            onChange={text('notes')}
          />
        </fieldset>
        <TextArea
          label="Staff notes (never shown to the customer)"
          value={d.staffNotes}
          error={errors.staffNotes}
          onChange={text('staffNotes')}
        />

        <DialogActions
          onClose={onClose}
          pending={create.isPending}
          submitLabel="Book"
          pendingLabel="Booking…"
        />
      </form>
    </Dialog>
  );
}
