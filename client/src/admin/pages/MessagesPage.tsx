import { ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { useTenantProfile } from '../data';
import { apiMessage, PageHeader } from '../ui/kit';
import { MessageLogSection } from './messages/MessageLogSection';
import { NoticesSection } from './messages/NoticesSection';
import { TemplatesSection } from './messages/TemplatesSection';
import { useI18n } from '../../shared/i18n';

/**
 * Messages: reminders, business notices and the wording of every email (docs/guides/messages.md),
 * then the log of what was sent.
 */
export function MessagesPage() {
  const { can } = useAuth();
  const { t } = useI18n();
  const tenant = useTenantProfile();
  const readOnly = !can('admin');
  return (
    <>
      <PageHeader
        title={t('admin.messages.title')}
        description={t('admin.messages.description')}
      />
      {tenant.isPending ? (
        <Loading label={t('admin.messages.loading')} />
      ) : tenant.isError ? (
        <ErrorState
          title={t('admin.messages.loadSettingsError')}
          message={apiMessage(tenant.error)}
          onRetry={() => tenant.refetch()}
        />
      ) : (
        <NoticesSection tenant={tenant.data} readOnly={readOnly} />
      )}
      <TemplatesSection readOnly={readOnly} />
      <MessageLogSection />
    </>
  );
}
