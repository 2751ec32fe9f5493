import { ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { useTenantProfile } from '../data';
import { apiMessage, PageHeader } from '../ui/kit';
import { NoticesSection } from './messages/NoticesSection';
import { TemplatesSection } from './messages/TemplatesSection';

/** Messages: reminders, business notices and the wording of every email (docs/guides/messages.md; the log of what was sent is MessagesPage). */
export function NotificationsPage() {
  const { can } = useAuth();
  const tenant = useTenantProfile();
  const readOnly = !can('admin');
  return (
    <>
      <PageHeader
        title="Notifications"
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
    </>
  );
}
