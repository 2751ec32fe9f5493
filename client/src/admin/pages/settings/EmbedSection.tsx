import { updateTenantSchema } from '@slotwise/contracts';
import { useEffect } from 'react';
import { z } from 'zod';
import { navigate, useLocation } from '../../../shared/router';
import { type Tenant } from '../../data';
import { submitWith, useEntityForm } from '../../ui/entity-form';
import { TextArea, useToast } from '../../ui/kit';
import { useSave, Section } from './section';
import { useI18n } from '../../../shared/i18n';

/** The contract's origin list, typed one per line (or comma-separated) in a text area. */
const embedSchema = z.object({
  embedOrigins: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/[\s,]+/)
            .map((o) => o.trim().replace(/\/+$/, ''))
            .filter(Boolean)
        : v,
    updateTenantSchema.shape.embedOrigins,
  ),
});

export function EmbedSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const { t } = useI18n();
  const save = useSave(t('admin.settings.embed.section'));
  const notify = useToast();
  const form = useEntityForm(embedSchema, { embedOrigins: tenant.embedOrigins.join('\n') });
  // A site the business restricted out links here (?allowEmbed=origin) to be allowed in one click.
  const asked = useLocation().query.get('allowEmbed')?.trim().replace(/\/+$/, '').toLowerCase();
  useEffect(() => form.reset({ embedOrigins: tenant.embedOrigins.join('\n') }), [form, tenant]);
  const snippet = `<script src="${window.location.origin}/widget.js" data-tenant="${tenant.slug}" async></script>`;
  // A server issue sits on the list itself; the schema's own on the origin it rejects.
  const listError: unknown = form.formState.errors.embedOrigins;
  const originError = [listError, ...Object.values(listError ?? {})]
    .map((e) => (e as { message?: unknown } | undefined)?.message)
    .find((m): m is string => typeof m === 'string');
  return (
    <Section
      title={t('admin.settings.embed.title')}
      description={t('admin.settings.embed.description')}
      readOnly={readOnly}
      saving={save.isPending}
      error={originError ? null : save.error}
      onSubmit={() => void submitWith(form, save)()}
    >
      <div className="field">
        <span className="field__label" id="snippet-label">
          {t('admin.settings.embed.code')}
        </span>
        <div className="snippet">
          <code aria-labelledby="snippet-label" data-testid="embed-snippet">
            {snippet}
          </code>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() =>
              void navigator.clipboard?.writeText(snippet).then(() => notify(t('admin.settings.embed.copied')))
            }
          >
            {t('admin.settings.embed.copy')}
          </button>
        </div>
        <p className="field__hint">
          {t('admin.settings.embed.page')}{' '}
          <a href={`/book/${tenant.slug}`}>{`${window.location.origin}/book/${tenant.slug}`}</a>
        </p>
      </div>
      <p className="muted small" data-testid="embed-policy">
        {tenant.embedOrigins.length === 0
          ? t('admin.settings.embed.anyOrigin')
          : t('admin.settings.embed.onlyListed', { count: tenant.embedOrigins.length })}
      </p>
      {asked && !tenant.embedOrigins.includes(asked) && !readOnly && (
        <div className="alert alert--warning" role="status">
          {t('admin.settings.embed.asked', { origin: asked })}{' '}
          <button
            type="button"
            className="btn btn--primary btn--small"
            disabled={save.isPending}
            onClick={() =>
              save.mutate(
                { embedOrigins: [...tenant.embedOrigins, asked] },
                { onSuccess: () => navigate(window.location.pathname, { replace: true }) },
              )
            }
          >
            {t('admin.settings.embed.allow', { origin: asked })}
          </button>
        </div>
      )}
      <TextArea
        label={t('admin.settings.embed.origins')}
        hint={t('admin.settings.embed.originsHint')}
        rows={3}
        {...form.register('embedOrigins')}
        error={originError}
      />
    </Section>
  );
}
