import { zodResolver } from '@hookform/resolvers/zod';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldPath,
  type FieldValues,
  type RegisterOptions,
  type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';
import { issuesOf } from '../../shared/api';
import { Dialog, DialogActions, ErrorNote } from './kit';

/**
 * The one way an admin form holds its state: react-hook-form, validated by the contract's own
 * schema (zod resolver), so the form refuses exactly what the API would. `TIn` is what the
 * inputs hold, `TOut` the request body the schema turns it into.
 */
export function useEntityForm<S extends z.ZodTypeAny>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema),
    defaultValues,
    mode: 'onTouched',
  });
}

/**
 * Puts a 422's issues (`body.deposit.value`) on the form's fields. Returns false when none of
 * them names a field of this form, so the caller shows the error as a whole.
 */
export function applyApiErrors<T extends FieldValues>(
  form: UseFormReturn<T, unknown, unknown>,
  err: unknown,
  fields: readonly string[],
): boolean {
  let placed = false;
  for (const i of issuesOf(err)) {
    const path = i.path.replace(/^body\./, '');
    const field = fields.find((f) => path === f || path.startsWith(`${f}.`));
    if (!field) continue;
    form.setError(
      field as FieldPath<T>,
      { type: 'server', message: i.message },
      { shouldFocus: !placed },
    );
    placed = true;
  }
  return placed;
}

/**
 * The form's submit handler: validate with the schema, send the body through `save`, and put
 * the API's 422 issues on the fields (`fields`: the form's own, by default every value's name).
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
  const message = (e as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

interface EntityDialogProps<T extends FieldValues, Out> {
  title: string;
  form: UseFormReturn<T, unknown, Out>;
  /** The save call; its 422 issues land on the fields, any other error above them. */
  save: UseMutationResult<unknown, unknown, Out>;
  submitLabel: string;
  onClose(): void;
  /** Deleting the entity, confirmed with `removeConfirm` first. */
  remove?: { label: string; confirm: string; mutation: UseMutationResult<unknown, unknown, void> };
  wide?: boolean;
  children: ReactNode;
}

/**
 * The shared create/edit dialog of the admin app: the form in a modal, the API's error, and the
 * Delete / Cancel / Save row. Pages only describe their fields.
 */
export function EntityDialog<T extends FieldValues, Out>({
  title,
  form,
  save,
  submitLabel,
  onClose,
  remove,
  wide,
  children,
}: EntityDialogProps<T, Out>) {
  const fieldNames = Object.keys(form.getValues());
  const unplaced =
    save.isError &&
    issuesOf(save.error).every(
      (i) => !fieldNames.some((f) => i.path.replace(/^body\./, '').startsWith(f)),
    );
  return (
    <Dialog open title={title} onClose={onClose} wide={wide}>
      <form className="form" noValidate onSubmit={submitWith(form, save, fieldNames)}>
        {unplaced && <ErrorNote error={save.error} />}
        {remove?.mutation.isError && <ErrorNote error={remove.mutation.error} />}
        {children}
        <DialogActions
          onClose={onClose}
          pending={save.isPending}
          submitLabel={submitLabel}
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
