import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useI18n } from '../../../shared/i18n';
import { Checkbox } from '../../ui/kit';
import { useLocationList } from '../locations/queries';

/**
 * Where the service is offered: every location (nothing ticked, the default) or the ticked ones.
 * Nothing shows for a business without locations.
 */
export function ServiceLocationsField<T extends FieldValues>({
  control,
  name,
  error,
}: {
  control: Control<T, unknown, unknown>;
  name: FieldPath<T>;
  error?: string;
}) {
  const { t } = useI18n();
  const locations = useLocationList();
  if (!locations.data?.length) return null;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const chosen = (field.value as string[] | undefined) ?? [];
        return (
          <fieldset className="field">
            <legend className="field__label">{t('admin.locations.service.legend')}</legend>
            <p className="field__hint">{t('admin.locations.service.hint')}</p>
            <div className="check-grid">
              <Checkbox
                label={t('admin.locations.service.all')}
                checked={chosen.length === 0}
                onChange={() => field.onChange([])}
              />
              {locations.data.map((l) => (
                <Checkbox
                  key={l.id}
                  label={l.name}
                  checked={chosen.includes(l.id)}
                  onChange={(e) =>
                    field.onChange(
                      e.target.checked ? [...chosen, l.id] : chosen.filter((x) => x !== l.id),
                    )
                  }
                />
              ))}
            </div>
            {(fieldState.error?.message ?? error) && (
              <p className="field__error" role="alert">
                {fieldState.error?.message ?? error}
              </p>
            )}
          </fieldset>
        );
      }}
    />
  );
}
