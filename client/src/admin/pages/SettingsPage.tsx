import { ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { useTenantProfile } from '../data';
import { PageHeader } from '../ui/kit';
import { ProfileSection } from './settings/ProfileSection';
import { RulesSection } from './settings/RulesSection';
import { DefaultHoursSection } from './settings/DefaultHoursSection';
import { BrandingSection } from './settings/BrandingSection';
import { EmbedSection } from './settings/EmbedSection';
import { PlanSection } from './settings/PlanSection';
import { PaymentsSection } from './settings/PaymentsSection';
import { useI18n } from '../../shared/i18n';

export function SettingsPage() {
  const tenant = useTenantProfile();
  const { can } = useAuth();
  const { t: tr } = useI18n();
  if (tenant.isPending) return <Loading label={tr('admin.settings.loading')} />;
  if (tenant.isError)
    return <ErrorState title={tr('admin.settings.loadError')} onRetry={() => tenant.refetch()} />;
  const t = tenant.data;
  const readOnly = !can('admin');
  return (
    <>
      <PageHeader
        title={tr('admin.settings.title')}
        description={
          readOnly
            ? tr('admin.settings.readOnly')
            : tr('admin.settings.description')
        }
      />
      <div className="stack">
        <ProfileSection tenant={t} readOnly={readOnly} />
        <RulesSection tenant={t} readOnly={readOnly} />
        <DefaultHoursSection tenant={t} readOnly={readOnly} />
        <BrandingSection tenant={t} readOnly={readOnly} />
        <EmbedSection tenant={t} readOnly={readOnly} />
        {!readOnly && <PaymentsSection />}
        {!readOnly && <PlanSection />}
      </div>
    </>
  );
}
