import { useState } from 'react';
import { IntakeInput } from '../../../shared/intake/IntakeInput';
import type { IntakeDraft } from '../../../shared/intake/intake';
import { type AdminIntakeField, type Service } from '../../data';
import { Card, Select } from '../../ui/kit';
import { useI18n } from '../../../shared/i18n';

/** A service's booking form as its customers see it. */
export function Preview({ fields, services }: { fields: AdminIntakeField[]; services: Service[] }) {
  const { t } = useI18n();
  const [serviceId, setServiceId] = useState(services[0]!.id);
  const [answers, setAnswers] = useState<IntakeDraft>({});
  const id = services.some((s) => s.id === serviceId) ? serviceId : services[0]!.id;
  const asked = fields.filter((f) => f.serviceId === null || f.serviceId === id);
  return (
    <Card title={t('admin.bookingForm.preview.title')}>
      <Select
        label={t('admin.bookingForm.preview.formOf')}
        value={id}
        onChange={(e) => {
          setServiceId(e.target.value);
          setAnswers({});
        }}
      >
        {services.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
      {asked.length === 0 ? (
        <p className="muted small">{t('admin.bookingForm.preview.contactOnly')}</p>
      ) : (
        <div className="form preview" data-testid="form-preview">
          {asked.map((f) => (
            <IntakeInput
              key={f.id}
              field={f}
              value={answers[f.key]}
              onChange={(v) => setAnswers((a) => ({ ...a, [f.key]: v }))}
            />
          ))}
        </div>
      )}
    </Card>
  );
}
