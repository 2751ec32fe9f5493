import { useI18n } from '../../shared/i18n';
import { apiMessage } from './kit';

/** The parts around an entity form's fields: what to fix above them, the buttons below. */

/**
 * The top of a form that failed: how many fields below need fixing, the API's issues about
 * fields the form does not show, and any other API error.
 */
export function FormErrors({
  count,
  unshown,
  error,
}: {
  count: number;
  unshown: readonly (readonly [string, string])[];
  error?: unknown;
}) {
  const { t } = useI18n();
  return (
    <>
      {(count > 0 || unshown.length > 0) && (
        <div className="alert alert--error" role="alert">
          {count > 0 && t('admin.common.fixFields', { count })}
          {unshown.map(([k, m]) => (
            <div key={k}>
              {k}: {m}
            </div>
          ))}
        </div>
      )}
      {error ? (
        <div className="alert alert--error" role="alert">
          {apiMessage(error)}
        </div>
      ) : null}
    </>
  );
}

/** A dialog's button row: an optional confirmed Delete, then Cancel and the submit button. */
export function DialogActions({
  onClose,
  pending,
  submitLabel,
  pendingLabel,
  remove,
}: {
  onClose(): void;
  pending: boolean;
  submitLabel: string;
  pendingLabel?: string;
  remove?: { label: string; confirm: string; pending: boolean; run(): void };
}) {
  const { t } = useI18n();
  return (
    <div className="dialog__actions">
      {remove && (
        <button
          type="button"
          className="btn btn--ghost danger-text"
          disabled={remove.pending}
          onClick={() => window.confirm(remove.confirm) && remove.run()}
        >
          {remove.label}
        </button>
      )}
      <span className="spacer" />
      <button type="button" className="btn btn--secondary" onClick={onClose}>
        {t('admin.common.cancel')}
      </button>
      <button className="btn btn--primary" disabled={pending} aria-busy={pending || undefined}>
        {pending ? (pendingLabel ?? t('admin.common.saving')) : submitLabel}
      </button>
    </div>
  );
}
