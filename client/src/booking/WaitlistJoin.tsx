import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { issuesOf } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { isEmail } from '../shared/intake/intake';
import { useSdk } from '../shared/sdk-context';
import { addDays, type LocalDate } from '../shared/time';
import { errorText } from './messages';

/**
 * No time that suits: the customer leaves their name and email for a range of days and is told
 * when a matching slot frees up (POST /v1/public/tenants/{slug}/waitlist).
 */
export function WaitlistJoin({
  slug,
  serviceId,
  providerId,
  fromDate,
}: {
  slug: string;
  serviceId: string;
  providerId: string;
  fromDate: LocalDate;
}) {
  const { t } = useI18n();
  const sdk = useSdk();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(fromDate);
  const [to, setTo] = useState(addDays(fromDate, 6));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const join = useMutation({
    mutationFn: () =>
      sdk.public.waitlist.join({
        params: { slug },
        body: {
          serviceId,
          ...(providerId !== 'any' ? { providerId } : {}),
          fromDate: from,
          toDate: to,
          customer: { name: name.trim(), email: email.trim() },
        },
      }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || !isEmail(email.trim())) {
      setProblem(!name.trim() ? t('form.required') : t('form.invalidEmail'));
      return;
    }
    setProblem(null);
    join.mutate();
  };

  if (join.isSuccess)
    return (
      <p className="alert alert--success" role="status">
        {t('waitlist.joined')}
      </p>
    );
  if (!open)
    return (
      <p className="waitlist-offer">
        {t('waitlist.prompt')}{' '}
        <button type="button" className="link-btn" onClick={() => setOpen(true)}>
          {t('waitlist.open')}
        </button>
      </p>
    );
  const failure = join.isError
    ? (issuesOf(join.error)[0]?.message ?? errorText(join.error, t))
    : problem;
  return (
    <form className="waitlist-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t('waitlist.title')}</h3>
      <p className="muted small">{t('waitlist.lead')}</p>
      {failure && (
        <p className="alert alert--error" role="alert">
          {failure}
        </p>
      )}
      <div className="waitlist-form__row">
        <label>
          <span>{t('waitlist.from')}</span>
          <input
            className="input"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            required
          />
        </label>
        <label>
          <span>{t('waitlist.to')}</span>
          <input
            className="input"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            required
          />
        </label>
      </div>
      <div className="waitlist-form__row">
        <label>
          <span>{t('form.name')}</span>
          <input
            className="input"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </label>
        <label>
          <span>{t('form.email')}</span>
          <input
            className="input"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
      </div>
      <button className="btn btn--primary" disabled={join.isPending}>
        {t('waitlist.submit')}
      </button>
    </form>
  );
}
