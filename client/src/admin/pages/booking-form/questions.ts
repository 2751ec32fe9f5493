import { useQueryClient } from '@tanstack/react-query';
import { INTAKE_CHOICE_TYPES, type IntakeFieldType } from '@slotwise/contracts';
import { adminKeys } from '../../data';

export const TYPE_LABELS: Record<IntakeFieldType, string> = {
  text: 'Short text',
  textarea: 'Long text',
  email: 'Email',
  phone: 'Phone',
  number: 'Number',
  date: 'Date',
  select: 'Pick one',
  multiselect: 'Pick several',
  checkbox: 'Checkbox',
};

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
