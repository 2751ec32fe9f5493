import { ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { useTenantProfile } from '../data';
import { apiMessage, PageHeader } from '../ui/kit';
import { MessageLogSection } from './messages/MessageLogSection';
import { NoticesSection } from './messages/NoticesSection';
import { TemplatesSection } from './messages/TemplatesSection';

/**
 * Messages: reminders, business notices and the wording of every email (docs/guides/messages.md),
 * then the log of what was sent.
 */
export function MessagesPage() {
  const { can } = useAuth();
  const tenant = useTenantProfile();
  const readOnly = !can('admin');
  return (
    <>
      <PageHeader
        title="Messages"
        description="The emails customers and your team receive: when reminders go out, who is told, and what they say."
      />
      {tenant.isPending ? (
        <Loading label="Loading…" />
      ) : tenant.isError ? (
        <ErrorState
          title="Could not load the settings"
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
