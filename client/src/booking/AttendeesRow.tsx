import { useI18n } from '../shared/i18n';

/**
 * The summary's "With" row, as the confirmation and the manage page show it: everyone who
 * attends (every member of a team, ADR 0018), and underneath the rooms or equipment a team
 * booking holds.
 */
export function AttendeesRow({
  attendees,
  resources = [],
}: {
  attendees: string;
  resources?: readonly { id: string; name: string }[];
}) {
  const { t } = useI18n();
  return (
    <div>
      <dt>{t('summary.with')}</dt>
      <dd data-testid="attendees">
        <span>{attendees}</span>
        {resources.length > 0 && (
          <div className="muted small">{resources.map((r) => r.name).join(', ')}</div>
        )}
      </dd>
    </div>
  );
}
