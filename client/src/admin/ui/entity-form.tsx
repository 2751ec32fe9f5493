import { toNestErrors } from '@hookform/resolvers';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import {
  useForm,
  type Control,
  type DefaultValues,
  type FieldError,
  type FieldErrors,
  type FieldPath,
  type FieldValues,
  type RegisterOptions,
  type Resolver,
  type UseFormReturn,
} from 'react-hook-form';
import { z } from 'zod';
import { issuesOf } from '../../shared/api';
import { translate } from '../../shared/i18n';
import { DialogActions, FormErrors } from './form-parts';
import { Dialog, ErrorNote } from './kit';

/**
 * How a form words and places problems, beyond the defaults. Both the schema's issues (in the
 * resolver) and the API's (after a failed save) go through the same rules, so a rule the client
 * and the server share reads the same wherever it is caught.
 */
export interface FormRules<V = FieldValues> {
  /**
   * Friendlier wording of the contract's issues (e.g. "Enter a key." for key too_small), given
   * each issue with the form path it shows on (after pathOf) and the form's values as `data`.
   */
  messages?: z.ZodErrorMap;
  /**
   * Where an issue path (`options.1`, `customer.email`) shows on the form, given its values
   * (`options.1.value`, `email`); undefined: the form has no input for it (summary instead).
   */
  pathOf?(path: string, values: V): string | undefined;
  /**
   * An error other than a 422 that names a field (409 on a duplicate key), or `true` for one the
   * page shows in its own way (a taken slot): neither is repeated above the form.
   */
  known?(err: unknown): { field: string; message: string } | true | undefined;
}

// Rules travel with the form (one object per form instance) so helpers taking only the form,
// like submitWith and EntityDialog, see them without every caller passing them again.
const rulesOfControl = new WeakMap<object, FormRules<never>>();
const rulesOf = <V extends FieldValues>(form: { control: Control<V, unknown, unknown> }) =>
  (rulesOfControl.get(form.control) ?? {}) as FormRules<V>;

/** Issue path segments as the API reports them: `options.1`. */
const dotted = (path: readonly (string | number)[]) => path.join('.');

/**
 * The resolver: the contract's schema decides, the rules' messages word the verdict and their
 * pathOf places it. The error map is applied to every issue (custom refinements included).
 */
function contractResolver<S extends z.ZodTypeAny>(
  schema: S,
  rules: FormRules<z.input<S>>,
): Resolver<z.input<S>, unknown, z.output<S>> {
  return async (values, _context, options) => {
    const parsed = await schema.safeParseAsync(values);
    if (parsed.success) return { values: parsed.data as z.output<S>, errors: {} };
    const flat: Record<string, FieldError> = {};
    for (const issue of parsed.error.issues) {
      const path = rules.pathOf
        ? rules.pathOf(dotted(issue.path), values)
        : dotted(issue.path) || undefined;
      if (path === undefined || flat[path]) continue;
      // Wording is keyed by where the issue shows, so one map serves every issue of an input.
      const shown = { ...issue, path: path.split('.') };
      const message = rules.messages
        ? rules.messages(shown, { defaultError: issue.message, data: values }).message
        : issue.message;
      flat[path] = { type: issue.code, message };
    }
    return { values: {}, errors: toNestErrors(flat, options) as FieldErrors<z.input<S>> };
  };
}

/**
 * The one way an admin form holds its state: react-hook-form, validated by the contract's own
 * schema, so the form refuses exactly what the API would. The schema's input is what the inputs
 * hold, its output the request body (drafts `.transform(...).pipe(contractSchema)`).
 */
export function useEntityForm<S extends z.ZodTypeAny>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
  rules: FormRules<z.input<S>> = {},
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: contractResolver(schema, rules),
    defaultValues,
    mode: 'onTouched',
  });
  rulesOfControl.set(form.control, rules as FormRules<never>);
  return form;
}

/** The form path an API issue path lands on, if the form shows it among `fields`. */
function placeOf<T extends FieldValues>(
  form: UseFormReturn<T, unknown, unknown>,
  apiPath: string,
  fields: readonly string[],
): string | undefined {
  const path = apiPath.replace(/^body\./, '');
  const rules = rulesOf(form);
  const placed = rules.pathOf ? rules.pathOf(path, form.getValues()) : path;
  if (placed === undefined) return undefined;
  return fields.some((f) => placed === f || placed.startsWith(`${f}.`)) ? placed : undefined;
}

/**
 * Puts a failed save's problems on the form's fields: a 422's issues by path, and a known error
 * naming a field (a 409 on a duplicate key). Returns false when none landed on a field.
 */
export function applyApiErrors<T extends FieldValues>(
  form: UseFormReturn<T, unknown, unknown>,
  err: unknown,
  fields: readonly string[],
): boolean {
  let placed = false;
  const put = (path: string, message: string) => {
    form.setError(path as FieldPath<T>, { type: 'server', message }, { shouldFocus: !placed });
    placed = true;
  };
  const known = rulesOf(form).known?.(err);
  if (known && known !== true) put(known.field, known.message);
  for (const i of issuesOf(err)) {
    const path = placeOf(form, i.path, fields);
    if (path) put(path, i.message);
  }
  return placed;
}

/** What a failed save leaves above the form: issues with no input here, and any other error. */
export function unplacedProblems<T extends FieldValues>(
  form: UseFormReturn<T, unknown, unknown>,
  err: unknown,
  fields: readonly string[],
): { unshown: [string, string][]; other: unknown } {
  if (!err) return { unshown: [], other: null };
  const issues = issuesOf(err);
  const unshown = issues
    .filter((i) => !placeOf(form, i.path, fields))
    .map((i): [string, string] => [i.path.replace(/^body\./, ''), i.message]);
  const known = rulesOf(form).known?.(err);
  return { unshown, other: issues.length || known ? null : err };
}

/**
 * The form's submit handler: validate with the schema, send the body through `save`, and put
 * the API's problems on the fields (`fields`: the form's own, by default every value's name).
 */
export function submitWith<T extends FieldValues, Out>(
  form: UseFormReturn<T, unknown, Out>,
  save: UseMutationResult<unknown, unknown, Out>,
  fields: readonly string[] = Object.keys(form.getValues()),
) {
  return form.handleSubmit((values) =>
    save.mutate(values, { onError: (err) => void applyApiErrors(form, err, fields) }),
  );
}

/** How many inputs show an error (a list's own error counts once, like each of its items). */
export function countErrors(errors: unknown): number {
  if (!errors || typeof errors !== 'object') return 0;
  const e = errors as Record<string, unknown>;
  if (typeof e.message === 'string' && 'type' in e) return 1;
  return Object.entries(e).reduce((n, [k, v]) => n + (k === 'ref' ? 0 : countErrors(v)), 0);
}

/** Blank text → null, for the contract's nullable fields (`setValueAs: blankToNull`). */
export const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** An input's registration and its error message, for the kit's inputs: `{...fieldProps(form, 'name')}`. */
export function fieldProps<T extends FieldValues>(
  form: UseFormReturn<T, unknown, unknown>,
  name: FieldPath<T>,
  options?: RegisterOptions<T, FieldPath<T>>,
) {
  return { ...form.register(name, options), error: errorOf(form, name) };
}

/** The message of a field's error, for the kit's inputs (`error={errorOf(form, 'name')}`). */
export function errorOf<T extends FieldValues>(
  form: UseFormReturn<T, unknown, unknown>,
  name: string,
): string | undefined {
  let e: unknown = form.formState.errors;
  for (const part of name.split('.')) e = (e as Record<string, unknown> | undefined)?.[part];
  const found = e as { message?: unknown; root?: { message?: unknown } } | undefined;
  // A list's own error (e.g. "add at least one option") sits on `root` once items have inputs.
  const message = found?.message ?? found?.root?.message;
  return typeof message === 'string' ? message : undefined;
}

interface EntityDialogProps<T extends FieldValues, Out> {
  title: string;
  form: UseFormReturn<T, unknown, Out>;
  /** The save call; its 422 issues land on the fields, any other error above them. */
  save: UseMutationResult<unknown, unknown, Out>;
  submitLabel: string;
  pendingLabel?: string;
  onClose(): void;
  /** Deleting the entity, confirmed with `removeConfirm` first. */
  remove?: { label: string; confirm: string; mutation: UseMutationResult<unknown, unknown, void> };
  /** The form paths with an input now (default: every value's name). */
  fields?: readonly string[];
  /** Shown above the error summary (e.g. the zone the times are in). */
  intro?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}

/**
 * The shared create/edit dialog of the admin app: the form in a modal, a summary of what to fix
 * (with the API's issues no input shows), and the Delete / Cancel / Save row. Pages only
 * describe their fields.
 */
export function EntityDialog<T extends FieldValues, Out>({
  title,
  form,
  save,
  submitLabel,
  pendingLabel,
  onClose,
  remove,
  fields,
  intro,
  wide,
  children,
}: EntityDialogProps<T, Out>) {
  const fieldNames = fields ?? Object.keys(form.getValues());
  const { unshown, other } = unplacedProblems(form, save.isError ? save.error : null, fieldNames);
  return (
    <Dialog open title={title} onClose={onClose} wide={wide}>
      <form className="form" noValidate onSubmit={submitWith(form, save, fieldNames)}>
        {intro}
        <FormErrors count={countErrors(form.formState.errors)} unshown={unshown} error={other} />
        {remove?.mutation.isError && <ErrorNote error={remove.mutation.error} />}
        {children}
        <DialogActions
          onClose={onClose}
          pending={save.isPending}
          submitLabel={submitLabel}
          pendingLabel={pendingLabel}
          remove={
            remove && {
              label: remove.label,
              confirm: remove.confirm,
              pending: remove.mutation.isPending,
              run: () => remove.mutation.mutate(),
            }
          }
        />
      </form>
    </Dialog>
  );
}

/** Wording shared by every form's error map: limits say the number, blanks say what to do. */
export function friendlyMessages(
  byPath: Record<string, Partial<Record<z.ZodIssueCode, string>> | undefined> = {},
): z.ZodErrorMap {
  return (issue, ctx) => {
    // `options.3.value` and `options.*.value` both name an option's rules.
    const path = dotted(issue.path);
    const own = byPath[path] ?? byPath[path.replace(/\.\d+(?=\.|$)/g, '.*')];
    const said = own?.[issue.code];
    if (said) return { message: said };
    if (issue.code === z.ZodIssueCode.too_big && issue.type === 'string')
      return { message: translate('admin.common.atMost', { max: Number(issue.maximum) }) };
    if (issue.code === z.ZodIssueCode.too_small && issue.type === 'string' && issue.minimum === 1)
      return { message: translate('admin.common.fillIn') };
    return { message: ctx.defaultError };
  };
}
