import { useState } from 'react';
import { type Tenant } from '../../data';
import { fieldErrors, TextArea, useToast } from '../../ui/kit';
import { useSave, Section } from './section';

export function EmbedSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const save = useSave('Embed settings');
  const notify = useToast();
  const [origins, setOrigins] = useState(tenant.embedOrigins.join('\n'));
  const snippet = `<script src="${window.location.origin}/widget.js" data-tenant="${tenant.slug}" async></script>`;
  const errors = fieldErrors(save.error);
  const originError = Object.entries(errors).find(([k]) => k.startsWith('embedOrigins'))?.[1];
  return (
    <Section
      title="Website embed"
      description="Paste the snippet into any page of your website to show the booking flow there."
      readOnly={readOnly}
      saving={save.isPending}
      error={originError ? null : save.error}
      onSubmit={() =>
        save.mutate({
          embedOrigins: origins
            .split(/[\s,]+/)
            .map((o) => o.trim().replace(/\/+$/, ''))
            .filter(Boolean),
        })
      }
    >
      <div className="field">
        <span className="field__label" id="snippet-label">
          Embed code
        </span>
        <div className="snippet">
          <code aria-labelledby="snippet-label" data-testid="embed-snippet">
            {snippet}
          </code>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() =>
              void navigator.clipboard?.writeText(snippet).then(() => notify('Snippet copied'))
            }
          >
            Copy
          </button>
        </div>
        <p className="field__hint">
          Your public booking page:{' '}
          <a href={`/book/${tenant.slug}`}>{`${window.location.origin}/book/${tenant.slug}`}</a>
        </p>
      </div>
      <TextArea
        label="Websites allowed to embed it"
        hint="One origin per line, such as https://www.example.com. Other sites cannot frame your booking flow."
        rows={3}
        value={origins}
        onChange={(e) => setOrigins(e.target.value)}
        error={originError}
      />
    </Section>
  );
}
