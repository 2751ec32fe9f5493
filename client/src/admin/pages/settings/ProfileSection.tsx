import { updateTenantSchema } from '@slotwise/contracts';
import { timeZones } from '../../../shared/time';
import { type Tenant } from '../../data';
import { blankToNull, fieldProps, submitWith, useEntityForm } from '../../ui/entity-form';
import { Select, TextArea, TextInput } from '../../ui/kit';
import { useSave, Section } from './section';

export function ProfileSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const save = useSave('Business profile');
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
      title="Business profile"
      readOnly={readOnly}
      saving={save.isPending}
      error={Object.keys(form.formState.errors).length ? null : save.error}
      onSubmit={() => void submitWith(form, save)()}
    >
      <div className="grid-2">
        <TextInput label="Business name" required {...fieldProps(form, 'name')} />
        <TextInput
          label="Contact email"
          type="email"
          {...fieldProps(form, 'email', { setValueAs: blankToNull })}
        />
        <TextInput label="Phone" {...fieldProps(form, 'phone', { setValueAs: blankToNull })} />
        <TextInput label="Address" {...fieldProps(form, 'address', { setValueAs: blankToNull })} />
        <Select
          label="Time zone"
          hint="Reports, closures and the calendar use it"
          {...fieldProps(form, 'timeZone')}
        >
          {timeZones(timeZone).map((z) => (
            <option key={z}>{z}</option>
          ))}
        </Select>
        <div className="grid-2">
          <TextInput
            label="Currency"
            maxLength={3}
            {...fieldProps(form, 'currency', { setValueAs: (v: string) => v.toUpperCase() })}
          />
          <Select label="Default language" {...form.register('locale')}>
            <option value="en">English</option>
            <option value="es">Español</option>
            <option value="fr">Français</option>
          </Select>
        </div>
      </div>
      <TextArea
        label="Description"
        hint="Shown at the top of your booking page"
        {...fieldProps(form, 'description')}
      />
      <TextArea label="Policies shown to customers" {...fieldProps(form, 'policiesText')} />
    </Section>
  );
}
