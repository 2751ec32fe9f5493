import { useState } from 'react';
import { contrastRatio, textOn } from '../../../shared/colors';
import { type Tenant } from '../../data';
import { fieldErrors, TextInput } from '../../ui/kit';
import { useSave, Section } from './section';

export function BrandingSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const save = useSave('Branding');
  const [logoUrl, setLogoUrl] = useState(tenant.logoUrl ?? '');
  const [brandColor, setBrandColor] = useState(tenant.brandColor);
  const errors = fieldErrors(save.error);
  const weak = /^#[0-9a-f]{6}$/i.test(brandColor) && contrastRatio(brandColor, '#ffffff') < 3;
  return (
    <Section
      title="Branding"
      readOnly={readOnly}
      saving={save.isPending}
      error={Object.keys(errors).length ? null : save.error}
      onSubmit={() => save.mutate({ logoUrl: logoUrl.trim() || null, brandColor })}
    >
      <div className="grid-2">
        <TextInput
          label="Logo URL"
          type="url"
          placeholder="https://…/logo.png"
          value={logoUrl}
          onChange={(e) => setLogoUrl(e.target.value)}
          error={errors.logoUrl}
        />
        <div className="field">
          <label className="field__label" htmlFor="brand-color">
            Brand colour
          </label>
          <div className="color-row">
            <input
              id="brand-color"
              type="color"
              className="color-input"
              value={brandColor}
              onChange={(e) => setBrandColor(e.target.value)}
            />
            <input
              className="input input--inline"
              aria-label="Brand colour hex"
              value={brandColor}
              onChange={(e) => setBrandColor(e.target.value)}
            />
            <span
              className="brand-preview"
              style={{
                background: /^#[0-9a-f]{6}$/i.test(brandColor) ? brandColor : '#4f46e5',
                color: textOn(/^#[0-9a-f]{6}$/i.test(brandColor) ? brandColor : '#4f46e5'),
              }}
            >
              Confirm booking
            </span>
          </div>
          {errors.brandColor && <p className="field__error">{errors.brandColor}</p>}
          {weak && (
            <p className="field__hint">
              Very light colours are darkened on the booking page so text stays readable.
            </p>
          )}
        </div>
      </div>
    </Section>
  );
}
