import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { navigate } from '../shared/router';
import { useFlowPlace } from './flow-url';
import { errorCode, issuesOf } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { useSdk } from '../shared/sdk-context';
import {
  addMonths,
  detectTimeZone,
  formatDateTime,
  isTimeZone,
  localDateOf,
  monthEnd,
  monthStart,
  todayIn,
  type LocalDate,
} from '../shared/time';
import { Confirmation } from './Confirmation';
import { DetailsForm, type DetailsValues } from './DetailsForm';
import { reportBooked } from './embed';
import { issuesToFieldErrors, type FieldErrors } from '../shared/intake/intake';
import { errorText } from './messages';
import { LocationStep } from './LocationStep';
import { ProviderStep } from './ProviderStep';
import {
  keys,
  useAvailability,
  useIntakeFields,
  useLocations,
  useProviders,
  useServices,
} from './queries';
import { formatDuration, priceText, ServiceStep } from './ServiceStep';
import { SlotPicker } from './SlotPicker';
import { asksForProvider, attendeesText, pickableProviderIds } from './team';
import { WaitlistJoin } from './WaitlistJoin';
import { policyText } from './PaymentPanel';
import { formatMoney } from '../shared/money';
import type { CreatedBooking, PublicService, PublicTenant, Slot } from './types';
import { ErrorState, Loading } from '../shared/ui/states';

type Step = 'location' | 'service' | 'provider' | 'time' | 'details' | 'done';

/** What the policy takes at booking (the server computes the same, half-up, in minor units). */
function dueNow(s: PublicService): number {
  const p = s.paymentPolicy;
  if (p.mode === 'full') return s.priceCents;
  if (p.mode === 'fixed_deposit') return Math.min(p.depositValue, s.priceCents);
  if (p.mode === 'percent_deposit') return Math.min(s.priceCents, Math.floor((s.priceCents * Math.round(p.depositValue * 100) + 5000) / 10000));
  return 0;
}

/** How far ahead the month arrows go; the API still enforces each service's own horizon. */
const MAX_MONTHS_AHEAD = 12;

/** [location →] services → provider (or anyone) → day and time → details → confirmation. */
export function BookingFlow({
  slug,
  tenant,
  embedded,
}: {
  slug: string;
  tenant: PublicTenant;
  embedded: boolean;
}) {
  const { t, locale } = useI18n();
  const sdk = useSdk();
  const [detectedZone] = useState(detectTimeZone);
  const queryClient = useQueryClient();
  // The place in the flow lives in the URL (flow-url.ts); only what was typed and the finished
  // booking are kept in memory.
  const { place, go, urlFor } = useFlowPlace();
  const zone = place.tz && isTimeZone(place.tz) ? place.tz : detectedZone;
  const thisMonth = monthStart(todayIn(zone));
  const [notice, setNotice] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldErrors | undefined>();
  const [draft, setDraft] = useState<
    { name: string; email: string; phone: string; notes: string } | undefined
  >();
  const [booking, setBooking] = useState<CreatedBooking | null>(null);
  const bookedAt = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // A business with two or more sites asks where first (ADR 0019); with one or none, no step.
  const locations = useLocations(slug);
  const multiSite = (locations.data?.length ?? 0) >= 2;
  const location = multiSite ? (locations.data!.find((l) => l.id === place.location) ?? null) : null;
  const services = useServices(slug, location?.id);
  const service = services.data?.find((s) => s.id === place.service) ?? null;
  // A provider in the URL counts when the customer may pick them for the service (or when no
  // service is chosen yet).
  const presetProvider =
    place.provider &&
    (place.provider === 'any' || !service || pickableProviderIds(service).includes(place.provider))
      ? place.provider
      : undefined;
  const providerId = presetProvider ?? 'any';
  const providers = useProviders(slug, service?.id, location?.id);
  // With one provider to pick, or none (every member of a team attends: team.ts), the choice is
  // no choice: that step is skipped (and not counted).
  const noChoice = (s: PublicService) => !asksForProvider(s);
  const bookable = services.data?.filter((s) => s.providerIds.length > 0) ?? [];
  const onlyOneProvider = service
    ? noChoice(service)
    : bookable.length > 0 && bookable.every(noChoice);
  const slot: Pick<Slot, 'start'> | null =
    place.time && !Number.isNaN(Date.parse(place.time)) ? { start: place.time } : null;
  const step: Step = booking
    ? 'done'
    : // Without the list (an error), the flow goes on as for one site: the booking still
      // records its provider's location.
      locations.isPending || (multiSite && !location)
      ? 'location'
      : !service
      ? 'service'
      : !presetProvider && asksForProvider(service)
        ? 'provider'
        : !slot
          ? 'time'
          : 'details';
  const isDay = (d: string | undefined): d is LocalDate => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d);
  const date = isDay(place.date) ? place.date : slot ? localDateOf(slot.start, zone) : null;
  const month = isDay(place.month) ? monthStart(place.month) : date ? monthStart(date) : thisMonth;
  const intake = useIntakeFields(slug, service?.id);
  const from = month < todayIn(zone) ? todayIn(zone) : month;
  const availability = useAvailability({
    slug,
    serviceId: service?.id,
    providerId,
    zone,
    from,
    to: monthEnd(month),
    enabled: step === 'time' || step === 'details',
    locationId: location?.id,
  });
  const slots = availability.data?.days.flatMap((d) => d.slots) ?? [];

  // Each step change moves focus to its heading, so screen readers announce where they are.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  // Moving in history away from the confirmation leaves it.
  const search = urlFor({});
  useEffect(() => {
    if (booking && bookedAt.current !== search) setBooking(null);
  }, [booking, search]);

  const chooseService = (s: PublicService) => {
    setNotice(null);
    go({ service: s.id, time: null, date: null, month: null }, 'step');
  };

  const onSelectDate = useCallback((d: LocalDate | null) => go({ date: d }, 'within'), [go]);

  const create = useMutation({
    mutationFn: (v: DetailsValues) =>
      sdk.public.bookings.create({
        params: { slug },
        body: {
          serviceId: service!.id,
          providerId,
          ...(location ? { locationId: location.id } : {}),
          start: slot!.start,
          customer: v.customer,
          timeZone: zone,
          // The language the visitor booked in: their emails are written in it.
          language: locale,
          notes: v.notes,
          answers: v.answers,
        },
      }),
    onSuccess: (created) => {
      // A reload of the confirmation shows the times again, not the used slot's form.
      const after = urlFor({ time: null });
      bookedAt.current = after;
      navigate(after, { replace: true });
      setBooking(created);
      void queryClient.invalidateQueries({ queryKey: keys.availabilityAll });
      if (embedded)
        reportBooked({
          code: created.code,
          start: created.start,
          service: { id: created.service.id, name: created.service.name },
        });
    },
    onError: (err) => {
      const code = errorCode(err);
      if (code === 'slot_unavailable') {
        // Someone else got there first: back to fresh times, keeping what was typed.
        setNotice(t('time.slotTaken'));
        void queryClient.invalidateQueries({ queryKey: keys.availabilityAll });
        go({ time: null }, 'within');
        return;
      }
      const issues = issuesOf(err);
      if (issues.length) setServerErrors(issuesToFieldErrors(issues));
    },
  });

  const restart = () => {
    setNotice(null);
    create.reset();
    bookedAt.current = null;
    setBooking(null);
    go({ service: null, provider: null, time: null, date: null, month: null }, 'step');
  };

  // The in-app Back goes to the previous step's URL (a new entry, like following a link).
  const back = () => {
    setNotice(null);
    if (step === 'service') go({ location: null }, 'step');
    else if (step === 'provider') go({ service: null, provider: null }, 'step');
    else if (step === 'time')
      go(
        onlyOneProvider || place.provider === undefined
          ? { service: null, date: null, month: null }
          : { provider: null, date: null, month: null },
        'step',
      );
    else if (step === 'details') go({ time: null }, 'step');
  };

  const lead = multiSite ? 1 : 0;
  const stepIndex = {
    location: 1,
    service: 1 + lead,
    provider: 2 + lead,
    time: (onlyOneProvider ? 2 : 3) + lead,
    details: (onlyOneProvider ? 3 : 4) + lead,
    done: 0,
  }[step];
  const stepCount = (onlyOneProvider ? 3 : 4) + lead;
  const title = {
    location: locations.isSuccess ? t('location.title') : t('common.loading'),
    service: t('service.title'),
    provider: t('provider.title'),
    time: t('time.title'),
    details: t('details.title'),
    done: booking?.status === 'pending' ? t('done.requestedTitle') : t('done.title'),
  }[step];
  // Everyone who attends: the picked provider, or the whole team (team.ts).
  const withWhom = (picked: string | null) =>
    service ? attendeesText(service, providers.data, picked, t('provider.any'), locale) : '';
  const providerName = withWhom(
    providerId === 'any' ? null : (providers.data?.find((p) => p.id === providerId)?.name ?? ''),
  );

  return (
    <div className="flow">
      {step !== 'done' && (
        <div className="flow__nav">
          {step !== 'location' && (step !== 'service' || multiSite) ? (
            <button type="button" className="link-btn" onClick={back}>
              ← {t('common.back')}
            </button>
          ) : (
            <span />
          )}
          <span className="flow__progress">
            {t('common.stepOf', { n: stepIndex, total: stepCount })}
          </span>
        </div>
      )}
      <h2 className="flow__title" tabIndex={-1} ref={headingRef}>
        {title}
      </h2>

      {step !== 'service' && step !== 'done' && service && (
        <dl className="summary" aria-label={t('summary.label')}>
          {location && (
            <div>
              <dt>{t('summary.where')}</dt>
              <dd>{location.name}</dd>
            </div>
          )}
          <div>
            <dt>{t('summary.service')}</dt>
            <dd>
              {service.name} · {formatDuration(service.durationMinutes, t)} ·{' '}
              {priceText(service, locale, t)}
            </dd>
          </div>
          {step !== 'provider' && (
            <div>
              <dt>{t('summary.with')}</dt>
              <dd>{providerName}</dd>
            </div>
          )}
          {step === 'details' && service.paymentPolicy.mode !== 'none' && (
            <div data-testid="payment-terms">
              <dt>{t('summary.price')}</dt>
              <dd>
                {service.paymentPolicy.mode === 'card_on_file'
                  ? t('pay.cardOnFile')
                  : t('pay.due', { amount: formatMoney(dueNow(service), service.currency, locale) })}{' '}
                {policyText(service.paymentPolicy, service.priceCents, service.currency, t, locale)}
              </dd>
            </div>
          )}
          {step === 'details' && slot && (
            <div>
              <dt>{t('summary.when')}</dt>
              <dd>
                {formatDateTime(slot.start, zone, locale)}{' '}
                <span className="muted">({zone.replace(/_/g, ' ')})</span>
              </dd>
            </div>
          )}
        </dl>
      )}

      {step === 'location' && (
        <LocationStep
          locations={locations.data}
          loading={locations.isPending}
          error={locations.error}
          onRetry={() => locations.refetch()}
          selected={place.location}
          onSelect={(id) => go({ location: id, service: null, time: null }, 'step')}
        />
      )}

      {step === 'service' && (
        <ServiceStep
          slug={slug}
          locationId={location?.id}
          selectedId={service?.id}
          providerId={presetProvider !== 'any' ? presetProvider : undefined}
          onSelect={chooseService}
        />
      )}

      {step === 'provider' && (
        <ProviderStep
          providers={providers.data?.filter((p) =>
            service ? pickableProviderIds(service).includes(p.id) : true,
          )}
          loading={providers.isPending}
          error={providers.error}
          onRetry={() => providers.refetch()}
          selected={providerId}
          onSelect={(id) => go({ provider: id, time: null }, 'step')}
        />
      )}

      {step === 'time' && (
        <>
          {notice && (
            <div className="alert alert--warning" role="alert">
              {notice}
            </div>
          )}
          {availability.isError ? (
            <ErrorState
              title={t('error.title')}
              message={errorText(availability.error, t)}
              onRetry={() => availability.refetch()}
              retryLabel={t('common.retry')}
            />
          ) : (
            <SlotPicker
              month={month}
              onMonthChange={(m) => go({ month: monthStart(m), date: null }, 'within')}
              canGoBack={month > thisMonth}
              canGoForward={month < addMonths(thisMonth, MAX_MONTHS_AHEAD)}
              slots={slots}
              timeZone={zone}
              onTimeZoneChange={(z) => go({ tz: z }, 'within')}
              businessZone={tenant.timeZone}
              selectedDate={date}
              onSelectDate={onSelectDate}
              selectedStart={slot?.start ?? null}
              loading={availability.isPending || (availability.isFetching && !availability.data)}
              showSeats={(service?.capacity ?? 1) > 1}
              onSelectSlot={(s) => {
                setNotice(null);
                setServerErrors(undefined);
                go({ time: s.start, date: localDateOf(s.start, zone) }, 'step');
              }}
            />
          )}
          {service && (
            <WaitlistJoin
              key={`${service.id}-${providerId}`}
              slug={slug}
              serviceId={service.id}
              providerId={providerId}
              fromDate={date ?? from}
            />
          )}
        </>
      )}

      {step === 'details' && (
        <>
          {create.isError && errorCode(create.error) !== 'validation_failed' && (
            <div className="alert alert--error" role="alert">
              {errorText(create.error, t)}
            </div>
          )}
          {intake.isPending ? (
            <Loading label={t('common.loading')} />
          ) : intake.isError ? (
            <ErrorState
              title={t('error.title')}
              message={errorText(intake.error, t)}
              onRetry={() => intake.refetch()}
              retryLabel={t('common.retry')}
            />
          ) : (
            <DetailsForm
              fields={intake.data}
              initial={draft}
              onDraftChange={setDraft}
              serverErrors={serverErrors}
              submitting={create.isPending}
              submitLabel={
                service?.requiresApproval ? t('details.submitRequest') : t('details.submit')
              }
              onSubmit={(v) => create.mutate(v)}
            />
          )}
          {tenant.policiesText && <p className="policy">{tenant.policiesText}</p>}
        </>
      )}

      {step === 'done' && booking && (
        <Confirmation
          booking={booking}
          attendees={withWhom(booking.provider.name) || booking.provider.name}
          zone={zone}
          embedded={embedded}
          onAnother={restart}
        />
      )}
    </div>
  );
}
