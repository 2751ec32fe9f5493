import { useState } from 'react';
import { timeZones } from '../../../shared/time';
import { type Tenant } from '../../data';
import { fieldErrors, Select, TextArea, TextInput } from '../../ui/kit';
import { useSave, Section } from './section';

export function ProfileSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const save = useSave('Business profile');
  const [f, setF] = useState({
    name: tenant.name,
    description: tenant.description,
    email: tenant.email ?? '',
    phone: tenant.phone ?? '',
    address: tenant.address ?? '',
    timeZone: tenant.timeZone,
    currency: tenant.currency,
    locale: tenant.locale,
    policiesText: tenant.policiesText,
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const errors = fieldErrors(save.error);
  return (
    <Section
      title="Business profile"
      readOnly={readOnly}
      saving={save.isPending}
      error={Object.keys(errors).length ? null : save.error}
      onSubmit={() =>
        save.mutate({
          ...f,
          locale: f.locale as 'en' | 'es' | 'fr',
          email: f.email.trim() || null,
          phone: f.phone.trim() || null,
          address: f.address.trim() || null,
        })
      }
    >
      <div className="grid-2">
        <TextInput
          label="Business name"
          value={f.name}
          onChange={set('name')}
          error={errors.name}
          required
        />
        <TextInput
          label="Contact email"
          type="email"
          value={f.email}
          onChange={set('email')}
          error={errors.email}
        />
        <TextInput label="Phone" value={f.phone} onChange={set('phone')} error={errors.phone} />
        <TextInput
          label="Address"
          value={f.address}
          onChange={set('address')}
          error={errors.address}
        />
        <Select
          label="Time zone"
          value={f.timeZone}
          onChange={set('timeZone')}
          error={errors.timeZone}
          hint="Reports, closures and the calendar use it"
        >
          {timeZones(f.timeZone).map((z) => (
            <option key={z}>{z}</option>
          ))}
        </Select>
        <div className="grid-2">
          <TextInput
            label="Currency"
            value={f.currency}
            maxLength={3}
            onChange={(e) => setF({ ...f, currency: e.target.value.toUpperCase() })}
            error={errors.currency}
          />
          <Select label="Default language" value={f.locale} onChange={set('locale')}>
            <option value="en">English</option>
            <option value="es">Español</option>
            <option value="fr">Français</option>
          </Select>
        </div>
      </div>
      <TextArea
        label="Description"
        hint="Shown at the top of your booking page"
        value={f.description}
        onChange={set('description')}
        error={errors.description}
      />
      <TextArea
        label="Policies shown to customers"
        value={f.policiesText}
        onChange={set('policiesText')}
        error={errors.policiesText}
      />
    </Section>
  );
}
