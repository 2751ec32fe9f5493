import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatShortDateTime } from '../../../shared/time';
import { useAuth } from '../../auth';
import { apiMessage } from '../../ui/kit';
import { useI18n } from '../../../shared/i18n';

interface Entry {
  id: string;
  service: { id: string; name: string };
  providerId: string | null;
  customer: { name: string; email: string | null };
  fromDate: string;
  toDate: string;
}

/**
 * Offers a freed time to a waiting customer: the entry's free times, and for the one staff pick
 * a booking link that opens the booking app on that very time (service, provider and time are
 * in its URL), to email or copy. First come, first served: the link books only if still free.
 */
export function OfferTime({ entry }: { entry: Entry }) {
  const { session, me } = useAuth();
  const { t, locale } = useI18n();
  const zone = me.tenant.timeZone;
  const [picked, setPicked] = useState<{ start: string; providerId: string } | null>(null);
  const free = useQuery({
    queryKey: ['admin', 'availability', 'waitlist', entry.id],
    queryFn: async () => {
      const a = await session.sdk.public.availability.get({
        params: { slug: me.tenant.slug },
        query: {
          serviceId: entry.service.id,
          from: entry.fromDate,
          to: entry.toDate,
          timezone: zone,
          ...(entry.providerId ? { providerId: entry.providerId } : {}),
        },
      });
      return a.days.flatMap((d) => d.slots).slice(0, 12);
    },
  });
  if (free.isPending) return <p className="muted small">{t('admin.waitlist.looking')}</p>;
  if (free.isError) return <p className="alert alert--error">{apiMessage(free.error)}</p>;
  if (free.data.length === 0) return <p className="muted small">{t('admin.waitlist.noFree')}</p>;
  const link =
    picked &&
    `${window.location.origin}/book/${me.tenant.slug}?${new URLSearchParams({
      service: entry.service.id,
      provider: picked.providerId,
      time: picked.start,
    }).toString()}`;
  const subject = t('admin.waitlist.emailSubject', { service: entry.service.name });
  const body =
    picked &&
    t('admin.waitlist.emailBody', {
      name: entry.customer.name,
      when: formatShortDateTime(picked.start, zone, locale),
      link: link ?? '',
      business: me.tenant.name,
    });
  return (
    <div className="offer" aria-label={t('admin.waitlist.offerLabel', { name: entry.customer.name })} role="group">
      <ul className="slots">
        {free.data.map((s) => (
          <li key={s.start}>
            <button
              type="button"
              className="btn btn--secondary btn--small"
              aria-pressed={picked?.start === s.start}
              onClick={() =>
                // Waiting for anyone: the link books whoever is free when the customer follows
                // it (the booking app's "any provider"), not a person who may be taken by then.
                setPicked({ start: s.start, providerId: entry.providerId ?? 'any' })
              }
            >
              {formatShortDateTime(s.start, zone, locale)}
            </button>
          </li>
        ))}
      </ul>
      {link && body && (
        <div className="offer__send">
          <code data-testid="offer-link">{link}</code>
          {entry.customer.email && (
            <a
              className="btn btn--primary btn--small"
              href={`mailto:${entry.customer.email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`}
            >
              {t('admin.waitlist.emailOffer')}
            </a>
          )}
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => void navigator.clipboard?.writeText(link)}
          >
            {t('admin.waitlist.copyLink')}
          </button>
        </div>
      )}
    </div>
  );
}
