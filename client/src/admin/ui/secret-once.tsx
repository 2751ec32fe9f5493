import type { ReactNode } from 'react';
import { useToast } from './kit';

/** A secret the API returns once (API key, webhook signing secret): shown until the user confirms saving it. */
export function SecretOnce(props: {
  title: ReactNode;
  secret: string;
  testId: string;
  onDismiss: () => void;
}) {
  const notify = useToast();
  return (
    <div className="secret" role="alert">
      <p>
        <strong>{props.title}</strong> It will not be shown again.
      </p>
      <div className="secret__row">
        <code className="secret__value" data-testid={props.testId}>
          {props.secret}
        </code>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() =>
            void navigator.clipboard?.writeText(props.secret).then(() => notify('Copied'))
          }
        >
          Copy
        </button>
        <button type="button" className="btn btn--ghost btn--small" onClick={props.onDismiss}>
          I have saved it
        </button>
      </div>
    </div>
  );
}
