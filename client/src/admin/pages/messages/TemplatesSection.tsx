import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { messageTemplateNames, type MessageTemplateDto } from '@slotwise/contracts';
import { ErrorState, Loading } from '../../../shared/ui/states';
import { useAuth } from '../../auth';
import { apiMessage, Card, Select, TextArea, TextInput, useToast } from '../../ui/kit';
import { useI18n } from '../../../shared/i18n';

type Template = (typeof messageTemplateNames)[number];
type Locale = MessageTemplateDto['locale'];


/** Subject and intro of each message per language, with a live preview of the email. */
export function TemplatesSection({ readOnly }: { readOnly: boolean }) {
  const { session } = useAuth();
  const notify = useToast();
  const { t: tr } = useI18n();
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
      notify(tr('admin.messages.wording.saved'));
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  // The preview follows the selection (not the draft wording: that is previewed on request).
  useEffect(() => preview.mutate(), [template, locale]);

  if (list.isPending) return <Loading label={tr('admin.messages.wording.loading')} />;
  if (list.isError)
    return (
      <ErrorState
        title={tr('admin.messages.wording.loadError')}
        message={apiMessage(list.error)}
        onRetry={() => list.refetch()}
      />
    );
  return (
    <Card title={tr('admin.messages.wording.title')}>
      <p className="muted small">
        {tr('admin.messages.wording.placeholders', {
          list: '{business} {service} {provider} {customer} {when} {code}',
        })}
      </p>
      <div className="grid-3">
        <Select
          label={tr('admin.messages.wording.message')}
          value={template}
          onChange={(e) => setTemplate(e.target.value as Template)}
        >
          {messageTemplateNames.map((t) => (
            <option key={t} value={t}>
              {tr(`admin.messages.template.${t}`)}
            </option>
          ))}
        </Select>
        <Select
          label={tr('admin.messages.wording.language')}
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
          label={tr('admin.messages.wording.subject')}
          placeholder={current?.defaultSubject}
          value={subject}
          maxLength={200}
          onChange={(e) => setSubject(e.target.value)}
        />
        <TextArea
          label={tr('admin.messages.wording.intro')}
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
          {tr('admin.messages.wording.preview')}
        </button>
        {!readOnly && (
          <>
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => save.mutate(wording)}
              disabled={save.isPending}
            >
              {tr('admin.messages.wording.save')}
            </button>
            <button
              type="button"
              className="btn btn--ghost"
              onClick={() => save.mutate({ subject: null, intro: null })}
              disabled={save.isPending}
            >
              {tr('admin.messages.wording.reset')}
            </button>
          </>
        )}
      </div>
      {preview.data && (
        <div className="message-preview" data-testid="message-preview">
          <p>
            <strong>{tr('admin.messages.wording.previewSubject')}</strong> {preview.data.subject}
          </p>
          <iframe
            title={tr('admin.messages.wording.previewFrame')}
            sandbox=""
            srcDoc={preview.data.html}
            style={{ width: '100%', height: 560, border: '1px solid #e5e7eb', borderRadius: 8 }}
          />
        </div>
      )}
    </Card>
  );
}
