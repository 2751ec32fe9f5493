import { textOn } from '../shared/colors';
import { useI18n } from '../shared/i18n';
import { ErrorState, Loading } from '../shared/ui/states';
import { errorText } from './messages';
import type { PublicProvider } from './types';

/** Step 2: a specific person (or room), or whoever is free. */
export function ProviderStep({
  providers,
  loading,
  error,
  onRetry,
  selected,
  onSelect,
}: {
  providers: PublicProvider[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry(): void;
  selected: string;
  onSelect(id: string): void;
}) {
  const { t } = useI18n();
  if (loading) return <Loading label={t('common.loading')} />;
  if (error || !providers)
    return (
      <ErrorState
        title={t('error.title')}
        message={errorText(error, t)}
        onRetry={onRetry}
        retryLabel={t('common.retry')}
      />
    );
  const options = [
    {
      id: 'any',
      name: t('provider.any'),
      bio: t('provider.anyHint'),
      color: null as string | null,
    },
    ...providers,
  ];
  return (
    <ul className="cards">
      {options.map((p) => (
        <li key={p.id}>
          <button
            type="button"
            className={`card card--choice card--row${selected === p.id ? ' card--selected' : ''}`}
            aria-pressed={selected === p.id}
            onClick={() => onSelect(p.id)}
          >
            <span
              className="avatar"
              aria-hidden="true"
              style={p.color ? { background: p.color, color: textOn(p.color) } : undefined}
            >
              {p.id === 'any' ? '★' : initials(p.name)}
            </span>
            <span className="card__body">
              <span className="card__title">{p.name}</span>
              {p.bio && <span className="card__text">{p.bio}</span>}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}
