import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorCode } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { todayIn, type LocalDate } from '../shared/time';
import { useAuth } from './auth';
import { adminKeys, useProviderList, useServiceList, type CreatedBooking } from './data';
import { EntityDialog, useEntityForm } from './ui/entity-form';
import {
  newBookingDraft,
  newBookingRules,
  newBookingSchema,
  OVERLAP,
  SLOT_TAKEN,
  type NewBookingBody,
} from './new-booking/booking-form';
import { CustomerFields } from './new-booking/CustomerFields';
import { useServiceQuestions } from './new-booking/queries';
import { WhenFields } from './new-booking/WhenFields';

export { BookingCreatedNotice } from './new-booking/BookingCreatedNotice';

/** The inputs the API's issues may land on, besides the questions' answers. */
const FIELDS = [
  ...['serviceId', 'providerId', 'date', 'start', 'time', 'override', 'recordPast'],
  ...['name', 'email', 'phone', 'notes', 'staffNotes'],
];

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
  const queryClient = useQueryClient();
  const services = useServiceList();
  const providers = useProviderList();
  const [notice, setNotice] = useState<typeof SLOT_TAKEN | typeof OVERLAP | null>(null);

  const offered = (services.data ?? [])
    .slice()
    .sort((a, b) => Number(b.active) - Number(a.active) || a.sortOrder - b.sortOrder);
  const [rules] = useState(() => newBookingRules(t));
  const [draft] = useState(() => newBookingDraft(initialDate ?? todayIn(zone)));
  // The questions (and so the form's schema) follow the service: it is chosen outside the form's
  // state so the schema exists before the form. Until staff choose, the first bookable service.
  const [chosen, setChosen] = useState('');
  const serviceId = chosen || offered[0]?.id || '';
  const questions = useServiceQuestions(serviceId);
  const fields = questions.data ?? [];
  const form = useEntityForm(newBookingSchema(fields, zone), draft, rules);
  useEffect(() => {
    if (form.getValues('serviceId') !== serviceId) form.setValue('serviceId', serviceId);
  }, [form, serviceId]);

  const create = useMutation({
    mutationFn: (body: NewBookingBody) => session.sdk.bookings.create({ body }),
    onMutate: () => setNotice(null),
    onSuccess: (b) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.bookings });
      void queryClient.invalidateQueries({ queryKey: adminKeys.customers });
      void queryClient.invalidateQueries({ queryKey: adminKeys.availability });
      onCreated(b);
    },
    onError: (err) => {
      if (errorCode(err) !== 'slot_unavailable') return;
      setNotice(form.getValues('override') ? OVERLAP : SLOT_TAKEN);
      form.setValue('start', null);
      void queryClient.invalidateQueries({ queryKey: adminKeys.availability });
    },
  });

  const changeService = (next: string) => {
    const providerId = form.getValues('providerId');
    const keep = (providers.data ?? []).some(
      (p) => p.id === providerId && p.serviceIds.includes(next),
    );
    form.clearErrors();
    setChosen(next);
    form.setValue('answers', {});
    form.setValue('start', null);
    if (!keep) form.setValue('providerId', 'any');
  };

  return (
    <EntityDialog
      title={t('admin.newBooking.title')}
      form={form}
      save={create}
      submitLabel={t('admin.newBooking.submit')}
      pendingLabel={t('admin.newBooking.pending')}
      onClose={onClose}
      fields={[...FIELDS, ...fields.map((f) => `answers.${f.key}`)]}
      intro={<p className="muted small">{t('admin.newBooking.zoneIntro', { zone })}</p>}
      wide
    >
      <WhenFields
        form={form}
        zone={zone}
        offered={offered}
        serviceId={serviceId}
        notice={notice && t(notice)}
        onPicked={() => setNotice(null)}
        onServiceChange={changeService}
      />
      <CustomerFields form={form} questions={questions} />
    </EntityDialog>
  );
}
