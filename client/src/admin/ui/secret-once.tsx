import type { ReactNode } from 'react';
import { useI18n } from '../../shared/i18n';
import { useToast } from './kit';

/** A secret the API returns once (API key, webhook signing secret): shown until the user confirms saving it. */
export function SecretOnce(props: {
  title: ReactNode;
  secret: string;
  testId: string;
  onDismiss: () => void;
}) {
  const notify = useToast();
  const { t } = useI18n();
  return (
    <div className="secret" role="alert">
      <p>
        <strong>{props.title}</strong> {t('admin.common.notShownAgain')}
      </p>
      <div className="secret__row">
        <code className="secret__value" data-testid={props.testId}>
          {props.secret}
        </code>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() =>
            void navigator.clipboard
              ?.writeText(props.secret)
              .then(() => notify(t('admin.common.copied')))
          }
        >
          {t('admin.common.copy')}
        </button>
        <button type="button" className="btn btn--ghost btn--small" onClick={props.onDismiss}>
          {t('admin.common.savedIt')}
        </button>
      </div>
    </div>
  );
}
