import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { messageTemplateNames, type MessageTemplateDto } from '@slotwise/contracts';
import { ErrorState, Loading } from '../../../shared/ui/states';
import { useAuth } from '../../auth';
import { apiMessage, Card, Select, TextArea, TextInput, useToast } from '../../ui/kit';

type Template = (typeof messageTemplateNames)[number];
type Locale = MessageTemplateDto['locale'];

const LABELS: Record<Template, string> = {
  'booking.booked': 'Customer: booked',
  'booking.requested': 'Customer: request received',
  'booking.payment_required': 'Customer: payment needed',
  'booking.payment_expired': 'Customer: payment hold expired',
  'booking.confirmed': 'Customer: request confirmed',
  'booking.rescheduled': 'Customer: rescheduled',
  'booking.cancelled': 'Customer: cancelled',
  'booking.reminder': 'Customer: reminder',
  'waitlist.slot_available': 'Customer: waitlist time free',
  'business.new_booking': 'Business: new booking',
  'business.approval_needed': 'Business: approval needed',
  'business.rescheduled': 'Business: rescheduled',
  'business.cancelled': 'Business: cancelled',
};

/** Subject and intro of each message per language, with a live preview of the email. */
export function TemplatesSection({ readOnly }: { readOnly: boolean }) {
  const { session } = useAuth();
  const notify = useToast();
  const queryClient = useQueryClient();
  const key = ['admin', 'message-templates'];
  const list = useQuery({ queryKey: key, queryFn: () => session.sdk.messageTemplates.list() });
  const [template, setTemplate] = useState<Template>('booking.booked');
  const [locale, setLocale] = useState<Locale>('en');
  const current = list.data?.items.find((i) => i.template === template && i.locale === locale);
  const [subject, setSubject] = useState('');
  const [intro, setIntro] = useState('');
  useEffect(() => {
    setSubject(current?.subject ?? '');
    setIntro(current?.intro ?? '');
  }, [current?.subject, current?.intro, template, locale]);

  const wording = { subject: subject.trim() || null, intro: intro.trim() || null };
  const preview = useMutation({
    mutationFn: () =>
      session.sdk.messageTemplates.preview({ params: { template, locale }, body: wording }),
  });
  const save = useMutation({
    mutationFn: (body: typeof wording) =>
      session.sdk.messageTemplates.update({ params: { template, locale }, body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      notify('Message saved');
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  // The preview follows the selection; the wording is previewed on request.
  useEffect(() => preview.mutate(), [template, locale]); // eslint-disable-line react-hooks/exhaustive-deps

  if (list.isPending) return <Loading label="Loading messages…" />;
  if (list.isError)
    return (
      <ErrorState
        title="Could not load the messages"
        message={apiMessage(list.error)}
        onRetry={() => list.refetch()}
      />
    );
  return (
    <Card title="Message wording">
      <p className="muted small">
        Placeholders: {'{business} {service} {provider} {customer} {when} {code}'}. Empty fields use
        the default.
      </p>
      <div className="grid-3">
        <Select
          label="Message"
          value={template}
          onChange={(e) => setTemplate(e.target.value as Template)}
        >
          {messageTemplateNames.map((t) => (
            <option key={t} value={t}>
              {LABELS[t]}
            </option>
          ))}
        </Select>
        <Select
          label="Language"
          value={locale}
          onChange={(e) => setLocale(e.target.value as Locale)}
        >
          <option value="en">English</option>
          <option value="es">Español</option>
          <option value="fr">Français</option>
        </Select>
      </div>
      <fieldset className="plain" disabled={readOnly}>
        <TextInput
          label="Subject"
          placeholder={current?.defaultSubject}
          value={subject}
          maxLength={200}
          onChange={(e) => setSubject(e.target.value)}
        />
        <TextArea
          label="Intro"
          placeholder={current?.defaultIntro}
          value={intro}
          rows={3}
          maxLength={2000}
          onChange={(e) => setIntro(e.target.value)}
        />
      </fieldset>
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          onClick={() => preview.mutate()}
          disabled={preview.isPending}
        >
          Preview
        </button>
        {!readOnly && (
          <>
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => save.mutate(wording)}
              disabled={save.isPending}
            >
              Save message
            </button>
            <button
              type="button"
              className="btn btn--ghost"
              onClick={() => save.mutate({ subject: null, intro: null })}
              disabled={save.isPending}
            >
              Reset to default
            </button>
          </>
        )}
      </div>
      {preview.data && (
        <div className="message-preview" data-testid="message-preview">
          <p>
            <strong>Subject:</strong> {preview.data.subject}
          </p>
          <iframe
            title="Email preview"
            sandbox=""
            srcDoc={preview.data.html}
            style={{ width: '100%', height: 560, border: '1px solid #e5e7eb', borderRadius: 8 }}
          />
        </div>
      )}
    </Card>
  );
}
