import { updateTenantSchema } from '@slotwise/contracts';
import { contrastRatio, textOn } from '../../../shared/colors';
import { type Tenant } from '../../data';
import { blankToNull, errorOf, fieldProps, submitWith, useEntityForm } from '../../ui/entity-form';
import { TextInput } from '../../ui/kit';
import { useSave, Section } from './section';
import { useI18n } from '../../../shared/i18n';

const hex = (c: string | undefined): c is string => /^#[0-9a-f]{6}$/i.test(c ?? '');

export function BrandingSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const { t } = useI18n();
  const save = useSave(t('admin.settings.branding.title'));
  const form = useEntityForm(updateTenantSchema, {
    logoUrl: tenant.logoUrl,
    brandColor: tenant.brandColor,
  });
  const brandColor = form.watch('brandColor');
  const shown = hex(brandColor) ? brandColor : '#4f46e5';
  const weak = hex(brandColor) && contrastRatio(brandColor, '#ffffff') < 3;
  const brandError = errorOf(form, 'brandColor');
  return (
    <Section
      title={t('admin.settings.branding.title')}
      readOnly={readOnly}
      saving={save.isPending}
      error={Object.keys(form.formState.errors).length ? null : save.error}
      onSubmit={() => void submitWith(form, save)()}
    >
      <div className="grid-2">
        <TextInput
          label={t('admin.settings.branding.logo')}
          type="url"
          placeholder="https://…/logo.png"
          {...fieldProps(form, 'logoUrl', { setValueAs: blankToNull })}
        />
        <div className="field">
          <label className="field__label" htmlFor="brand-color">
            {t('admin.settings.branding.colour')}
          </label>
          <div className="color-row">
            <input
              id="brand-color"
              type="color"
              className="color-input"
              value={shown}
              onChange={(e) =>
                form.setValue('brandColor', e.target.value, { shouldValidate: true })
              }
            />
            <input
              className="input input--inline"
              aria-label={t('admin.settings.branding.colourHex')}
              {...form.register('brandColor')}
            />
            <span className="brand-preview" style={{ background: shown, color: textOn(shown) }}>
              {t('admin.settings.branding.preview')}
            </span>
          </div>
          {brandError && <p className="field__error">{brandError}</p>}
          {weak && (
            <p className="field__hint">
              {t('admin.settings.branding.weak')}
            </p>
          )}
        </div>
      </div>
    </Section>
  );
}
