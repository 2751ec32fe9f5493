import { ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { useTenantProfile } from '../data';
import { PageHeader } from '../ui/kit';
import { ProfileSection } from './settings/ProfileSection';
import { RulesSection } from './settings/RulesSection';
import { BrandingSection } from './settings/BrandingSection';
import { EmbedSection } from './settings/EmbedSection';
import { PlanSection } from './settings/PlanSection';
import { PaymentsSection } from './settings/PaymentsSection';

export function SettingsPage() {
  const tenant = useTenantProfile();
  const { can } = useAuth();
  if (tenant.isPending) return <Loading label="Loading settings…" />;
  if (tenant.isError)
    return <ErrorState title="Could not load settings" onRetry={() => tenant.refetch()} />;
  const t = tenant.data;
  const readOnly = !can('admin');
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          readOnly
            ? 'Only admins and owners can change settings.'
            : 'Your business profile, booking rules, branding and website embed.'
        }
      />
      <div className="stack">
        <ProfileSection tenant={t} readOnly={readOnly} />
        <RulesSection tenant={t} readOnly={readOnly} />
        <BrandingSection tenant={t} readOnly={readOnly} />
        <EmbedSection tenant={t} readOnly={readOnly} />
        {!readOnly && <PaymentsSection />}
        {!readOnly && <PlanSection />}
      </div>
    </>
  );
}
