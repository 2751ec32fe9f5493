import { useI18n } from '../shared/i18n';
import { formatMoney } from '../shared/money';
import { Empty, ErrorState, Loading } from '../shared/ui/states';
import { errorText } from './messages';
import { useServices } from './queries';
import type { PublicService } from './types';

export function formatDuration(minutes: number, t: ReturnType<typeof useI18n>['t']): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h && m) return t('duration.hoursMinutes', { h, m });
  return h ? t('duration.hours', { h }) : t('duration.minutes', { m });
}

export function depositText(
  s: Pick<PublicService, 'deposit' | 'priceCents' | 'currency'>,
  locale: string,
  t: ReturnType<typeof useI18n>['t'],
): string | null {
  if (s.deposit.type === 'none' || s.deposit.value === 0) return null;
  const amount =
    s.deposit.type === 'fixed'
      ? s.deposit.value
      : Math.round((s.priceCents * s.deposit.value) / 100);
  return t('service.deposit', { amount: formatMoney(amount, s.currency, locale) });
}

export function priceText(
  s: Pick<PublicService, 'priceCents' | 'currency'>,
  locale: string,
  t: ReturnType<typeof useI18n>['t'],
): string {
  return s.priceCents === 0 ? t('service.free') : formatMoney(s.priceCents, s.currency, locale);
}

/** Step 1: the services, grouped by category, with price and duration. */
export function ServiceStep({
  slug,
  locationId,
  selectedId,
  providerId,
  onSelect,
}: {
  slug: string;
  /** The chosen site: only what is offered there. */
  locationId?: string;
  selectedId?: string;
  /** A link chose the provider ("Book with Ana"): only what they offer. */
  providerId?: string;
  onSelect(s: PublicService): void;
}) {
  const { t, locale } = useI18n();
  const services = useServices(slug, locationId);
  if (services.isPending) return <Loading label={t('common.loading')} />;
  if (services.isError)
    return (
      <ErrorState
        title={t('error.title')}
        message={errorText(services.error, t)}
        onRetry={() => services.refetch()}
        retryLabel={t('common.retry')}
      />
    );
  const list = services.data.filter(
    (s) => s.providerIds.length > 0 && (!providerId || s.providerIds.includes(providerId)),
  );
  if (list.length === 0) return <Empty title={t('service.none')} />;

  const groups = new Map<string, PublicService[]>();
  for (const s of [...list].sort(
    (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name),
  )) {
    const k = s.category ?? '';
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  return (
    <div className="services">
      {[...groups].map(([category, items]) => (
        <section key={category || '_'} aria-label={category || t('service.title')}>
          {category && groups.size > 1 && <h3 className="group-title">{category}</h3>}
          <ul className="cards">
            {items.map((s) => {
              const deposit = depositText(s, locale, t);
              return (
                <li key={s.id}>
                  <button
                    type="button"
                    className={`card card--choice${s.id === selectedId ? ' card--selected' : ''}`}
                    onClick={() => onSelect(s)}
                    aria-pressed={s.id === selectedId}
                  >
                    <span className="card__title">{s.name}</span>
                    {s.description && <span className="card__text">{s.description}</span>}
                    <span className="card__meta">
                      <span>{formatDuration(s.durationMinutes, t)}</span>
                      <span aria-hidden="true">·</span>
                      <span className="card__price">{priceText(s, locale, t)}</span>
                      {s.capacity > 1 && (
                        <>
                          <span aria-hidden="true">·</span>
                          <span>{t('service.group', { count: s.capacity })}</span>
                        </>
                      )}
                    </span>
                    {deposit && <span className="card__note">{deposit}</span>}
                    {s.requiresApproval && (
                      <span className="card__note">{t('service.needsApproval')}</span>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
