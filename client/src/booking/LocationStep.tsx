import { formatAddress } from '../shared/address';
import { useI18n } from '../shared/i18n';
import { Empty, ErrorState, Loading } from '../shared/ui/states';
import { errorText } from './messages';
import type { PublicLocation } from './types';

/** Step 1 of a business with several sites: where to go (its address shown). */
export function LocationStep({
  locations,
  loading,
  error,
  onRetry,
  selected,
  onSelect,
}: {
  locations: PublicLocation[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry(): void;
  selected?: string;
  onSelect(id: string): void;
}) {
  const { t } = useI18n();
  if (loading) return <Loading label={t('common.loading')} />;
  if (error || !locations)
    return (
      <ErrorState
        title={t('error.title')}
        message={errorText(error, t)}
        onRetry={onRetry}
        retryLabel={t('common.retry')}
      />
    );
  if (locations.length === 0) return <Empty title={t('location.none')} />;
  return (
    <>
      <p className="muted">{t('location.hint')}</p>
      <ul className="cards">
        {locations.map((l) => (
          <li key={l.id}>
            <button
              type="button"
              className={`card card--choice card--row${selected === l.id ? ' card--selected' : ''}`}
              aria-pressed={selected === l.id}
              onClick={() => onSelect(l.id)}
            >
              <span className="card__body">
                <span className="card__title">{l.name}</span>
                <span className="card__text">{formatAddress(l.address)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
