import { useQueryClient } from '@tanstack/react-query';
import { INTAKE_CHOICE_TYPES, type IntakeFieldType } from '@slotwise/contracts';
import { adminKeys } from '../../data';

/** Each question type's name (a catalog key: `t(TYPE_LABELS[type])`). */
export const TYPE_LABELS = {
  text: 'admin.bookingForm.type.text',
  textarea: 'admin.bookingForm.type.textarea',
  email: 'admin.bookingForm.type.email',
  phone: 'admin.bookingForm.type.phone',
  number: 'admin.bookingForm.type.number',
  date: 'admin.bookingForm.type.date',
  select: 'admin.bookingForm.type.select',
  multiselect: 'admin.bookingForm.type.multiselect',
  checkbox: 'admin.bookingForm.type.checkbox',
} as const satisfies Record<IntakeFieldType, string>;

export const isChoice = (t: IntakeFieldType) => INTAKE_CHOICE_TYPES.includes(t);

/** A key for a label: "Any allergies?" → "any_allergies" (staff may change it). */
export function suggestKey(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+/, '')
    .slice(0, 64)
    .replace(/_+$/, '');
}

/** Moves focus once React has re-rendered, to `id` or, when that is disabled, to `fallback`. */
export function focusSoon(id: string, fallback: string) {
  requestAnimationFrame(() => {
    const el = document.getElementById(id) as HTMLButtonElement | null;
    (el && !el.disabled ? el : document.getElementById(fallback))?.focus();
  });
}

/** Invalidates the admin list and the new-booking form's per-service questions. */
export function useRefreshQuestions() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: adminKeys.intakeFields });
    void queryClient.invalidateQueries({ queryKey: ['admin', 'intake'] });
  };
}
