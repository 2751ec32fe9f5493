import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { errorCode, issuesOf } from '../../shared/api';
import { translate, useI18n } from '../../shared/i18n';
import '../catalogs';
import { PlanLimitLink } from './plan-limit';

/** Small building blocks every admin screen shares: page header, fields, dialog, toasts. */

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div>
        <h1 className="page-title" tabIndex={-1} data-page-title>
          {title}
        </h1>
        {description && <p className="page-desc">{description}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

export function Card({
  title,
  actions,
  children,
  className,
}: {
  title?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`panel-card${className ? ` ${className}` : ''}`} aria-label={title}>
      {(title || actions) && (
        <div className="panel-card__head">
          {title && <h2 className="panel-card__title">{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
}

function Shell({
  id,
  label,
  hint,
  error,
  children,
}: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && !error && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

const described = (id: string, p: FieldProps) =>
  p.error ? `${id}-error` : p.hint ? `${id}-hint` : undefined;

export function TextInput({
  label,
  hint,
  error,
  ...rest
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, { label, hint, error })}
        {...rest}
      />
    </Shell>
  );
}

export function TextArea({
  label,
  hint,
  error,
  ...rest
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        className="input"
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, { label, hint, error })}
        {...rest}
      />
    </Shell>
  );
}

export function Select({
  label,
  hint,
  error,
  children,
  ...rest
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, { label, hint, error })}
        {...rest}
      >
        {children}
      </select>
    </Shell>
  );
}

export function Checkbox({
  label,
  hint,
  ...rest
}: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field field--check">
      <input
        id={id}
        type="checkbox"
        className="check"
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...rest}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint field__hint--block" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** A labelled set of checkboxes choosing ids among `items` (e.g. the staff offering a service). */
export function CheckboxSet({
  legend,
  items,
  selected,
  onChange,
  empty,
  error,
}: {
  legend: string;
  items: { id: string; name: string }[] | undefined;
  selected: string[];
  onChange: (ids: string[]) => void;
  /** Shown when there is nothing to choose from. */
  empty: ReactNode;
  error?: string;
}) {
  return (
    <fieldset className="field">
      <legend className="field__label">{legend}</legend>
      {items?.length ? (
        <div className="check-grid">
          {items.map((item) => (
            <Checkbox
              key={item.id}
              label={item.name}
              checked={selected.includes(item.id)}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...selected, item.id] : selected.filter((x) => x !== item.id),
                )
              }
            />
          ))}
        </div>
      ) : (
        <p className="muted small">{empty}</p>
      )}
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}

/** A modal on the native <dialog>: focus trap, Escape and inert background come for free. */
export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  wide,
}: {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog--wide' : ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={onClose}
    >
      {open && (
        <>
          <div className="dialog__head">
            <h2 id={titleId}>{title}</h2>
            <button
              type="button"
              className="icon-btn"
              onClick={onClose}
              aria-label={t('admin.common.close')}
            >
              ×
            </button>
          </div>
          <div className="dialog__body">{children}</div>
          {footer && <div className="dialog__foot">{footer}</div>}
        </>
      )}
    </dialog>
  );
}

type ToastKind = 'success' | 'error' | 'info';
const ToastContext = createContext<(message: string, kind?: ToastKind) => void>(() => undefined);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<{ id: number; message: string; kind: ToastKind }[]>([]);
  const notify = useCallback((message: string, kind: ToastKind = 'success') => {
    const id = Date.now() + Math.random();
    setToasts((t) => [...t.slice(-2), { id, message, kind }]);
    setTimeout(
      () => setToasts((t) => t.filter((x) => x.id !== id)),
      kind === 'error' ? 8000 : 4000,
    );
  }, []);
  return (
    <ToastContext.Provider value={notify}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast--${t.kind}`}>
            {t.message}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);

/**
 * The message to show staff for a failed call: the API's own message is written for them (in
 * English: the API speaks one language); what the app words itself is in the admin's language.
 */
export function apiMessage(err: unknown): string {
  const issues = issuesOf(err);
  if (issues.length)
    return issues.map((i) => `${i.path.replace(/^body\./, '')}: ${i.message}`).join('; ');
  if (errorCode(err) === 'connection_error') return translate('admin.common.offline');
  return err instanceof Error ? err.message : translate('admin.common.somethingWrong');
}

/** Field errors keyed by the body path ("name", "deposit.value") from a 422. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issuesOf(err)) out[i.path.replace(/^body\./, '')] ??= i.message;
  return out;
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="alert alert--error" role="alert">
      {apiMessage(error)}
      <PlanLimitLink error={error} />
    </div>
  );
}
