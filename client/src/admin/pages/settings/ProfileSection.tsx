import { updateTenantSchema } from '@slotwise/contracts';
import { timeZones } from '../../../shared/time';
import { type Tenant } from '../../data';
import { blankToNull, fieldProps, submitWith, useEntityForm } from '../../ui/entity-form';
import { Select, TextArea, TextInput } from '../../ui/kit';
import { useSave, Section } from './section';
import { useI18n } from '../../../shared/i18n';

export function ProfileSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const { t } = useI18n();
  const save = useSave(t('admin.settings.profile.title'));
  const form = useEntityForm(updateTenantSchema, {
    name: tenant.name,
    description: tenant.description,
    email: tenant.email,
    phone: tenant.phone,
    address: tenant.address,
    timeZone: tenant.timeZone,
    currency: tenant.currency,
    locale: tenant.locale as 'en' | 'es' | 'fr',
    policiesText: tenant.policiesText,
  });
  const timeZone = form.watch('timeZone') ?? tenant.timeZone;
  return (
    <Section
      title={t('admin.settings.profile.title')}
      readOnly={readOnly}
      saving={save.isPending}
      error={Object.keys(form.formState.errors).length ? null : save.error}
      onSubmit={() => void submitWith(form, save)()}
    >
      <div className="grid-2">
        <TextInput label={t('admin.settings.profile.name')} required {...fieldProps(form, 'name')} />
        <TextInput
          label={t('admin.settings.profile.email')}
          type="email"
          {...fieldProps(form, 'email', { setValueAs: blankToNull })}
        />
        <TextInput label={t('admin.settings.profile.phone')} {...fieldProps(form, 'phone', { setValueAs: blankToNull })} />
        <TextInput label={t('admin.settings.profile.address')} {...fieldProps(form, 'address', { setValueAs: blankToNull })} />
        <Select
          label={t('admin.settings.profile.timeZone')}
          hint={t('admin.settings.profile.timeZoneHint')}
          {...fieldProps(form, 'timeZone')}
        >
          {timeZones(timeZone).map((z) => (
            <option key={z}>{z}</option>
          ))}
        </Select>
        <div className="grid-2">
          <TextInput
            label={t('admin.settings.profile.currency')}
            maxLength={3}
            {...fieldProps(form, 'currency', { setValueAs: (v: string) => v.toUpperCase() })}
          />
          <Select label={t('admin.settings.profile.language')} {...form.register('locale')}>
            <option value="en">English</option>
            <option value="es">Español</option>
            <option value="fr">Français</option>
          </Select>
        </div>
      </div>
      <TextArea
        label={t('admin.settings.profile.description')}
        hint={t('admin.settings.profile.descriptionHint')}
        {...fieldProps(form, 'description')}
      />
      <TextArea label={t('admin.settings.profile.policies')} {...fieldProps(form, 'policiesText')} />
    </Section>
  );
}
