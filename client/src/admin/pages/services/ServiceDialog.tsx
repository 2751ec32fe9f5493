import { useMutation, useQueryClient } from '@tanstack/react-query';
import { minorToInput, parseMoney } from '../../../shared/money';
import { useAuth } from '../../auth';
import { adminKeys, useProviderList, useTenantProfile, type Service } from '../../data';
import { Checkbox, CheckboxSet, Select, TextArea, TextInput, useToast } from '../../ui/kit';
import { createServiceSchema, type CreateService } from '@slotwise/contracts';
import { Controller } from 'react-hook-form';
import { z } from 'zod';
import { ServiceLocationsField } from './ServiceLocationsField';
import { EntityDialog, errorOf, useEntityForm } from '../../ui/entity-form';
import { ParticipantsSection } from './ParticipantsSection';
import { useI18n } from '../../../shared/i18n';

/** What the inputs hold: money and notice as typed, the rest as the contract wants it. */
const serviceDraftSchema = z.object({
  name: z.string(),
  description: z.string(),
  category: z.string(),
  durationMinutes: z.number(),
  price: z.string(),
  payMode: z.enum(['none', 'full', 'fixed_deposit', 'percent_deposit', 'card_on_file']),
  depositValue: z.string(),
  /** "48:50, 24:100" = 50 % less than 48 h before, 100 % less than 24 h before. */
  tiers: z.string(),
  noShowType: z.enum(['none', 'fixed', 'percent']),
  noShowValue: z.string(),
  bufferBeforeMinutes: z.number(),
  bufferAfterMinutes: z.number(),
  capacity: z.number(),
  minNoticeHours: z.string(),
  maxAdvanceDays: z.number(),
  slotIntervalMinutes: z.string(),
  slotPlacement: z.enum(['grid', 'fill']),
  bookingsPerDay: z.string(),
  bookingsPerWeek: z.string(),
  minGapMinutes: z.string(),
  /** Limits the dialog does not show (set through the API), kept as they are. */
  otherLimits: z.record(z.string(), z.number()),
  requiresApproval: z.boolean(),
  active: z.boolean(),
  providerIds: z.array(z.string()),
  locationIds: z.array(z.string()),
});
type ServiceDraft = z.infer<typeof serviceDraftSchema>;

/** The draft → the contract's body, then the contract's own checks (deposit rules included). */
const serviceFormSchema = (currency: string) =>
  serviceDraftSchema
    .transform((f) => ({
      name: f.name,
      description: f.description,
      category: f.category.trim() || null,
      durationMinutes: f.durationMinutes,
      priceCents: f.price.trim() === '' ? 0 : parseMoney(f.price, currency),
      // The payment policy decides the legacy deposit field on the server; sent as "none" here.
      deposit: { type: 'none' as const, value: 0 },
      paymentPolicy: {
        mode: f.payMode,
        depositValue:
          f.payMode === 'fixed_deposit'
            ? parseMoney(f.depositValue, currency)
            : f.payMode === 'percent_deposit'
              ? Number(f.depositValue)
              : 0,
        cancellationTiers: f.tiers
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
          .map((x) => {
            const [h, p] = x.split(':');
            return { hoursBefore: Number(h), feePercent: Number(p) };
          }),
        noShowFee: {
          type: f.noShowType,
          value:
            f.noShowType === 'none' ? 0 : f.noShowType === 'fixed' ? parseMoney(f.noShowValue, currency) : Number(f.noShowValue),
        },
      },
      bufferBeforeMinutes: f.bufferBeforeMinutes,
      bufferAfterMinutes: f.bufferAfterMinutes,
      capacity: f.capacity,
      minNoticeMinutes: Math.round(Number(f.minNoticeHours || '0') * 60),
      maxAdvanceDays: f.maxAdvanceDays,
      slotIntervalMinutes: f.slotIntervalMinutes.trim()
        ? Math.round(Number(f.slotIntervalMinutes))
        : null,
      slotPlacement: f.slotPlacement,
      limits: {
        ...f.otherLimits,
        ...optionalInt('bookingsPerDay', f.bookingsPerDay),
        ...optionalInt('bookingsPerWeek', f.bookingsPerWeek),
        ...optionalInt('minGapMinutes', f.minGapMinutes),
      },
      requiresApproval: f.requiresApproval,
      active: f.active,
      providerIds: f.providerIds,
      locationIds: f.locationIds,
    }))
    .pipe(createServiceSchema);

/** An empty input leaves the limit unset. */
const optionalInt = (key: string, v: string) => (v.trim() === '' ? {} : { [key]: Number(v) });

const SHOWN_LIMITS = ['bookingsPerDay', 'bookingsPerWeek', 'minGapMinutes'];

const draftOf = (service: Service | null, currency: string): ServiceDraft => ({
  name: service?.name ?? '',
  description: service?.description ?? '',
  category: service?.category ?? '',
  durationMinutes: service?.durationMinutes ?? 60,
  price: service ? minorToInput(service.priceCents, currency) : '',
  payMode: service?.paymentPolicy.mode ?? 'none',
  depositValue: service
    ? service.paymentPolicy.mode === 'fixed_deposit'
      ? minorToInput(service.paymentPolicy.depositValue, currency)
      : String(service.paymentPolicy.depositValue)
    : '0',
  tiers: (service?.paymentPolicy.cancellationTiers ?? []).map((x) => `${x.hoursBefore}:${x.feePercent}`).join(', '),
  noShowType: service?.paymentPolicy.noShowFee.type ?? 'none',
  noShowValue: service
    ? service.paymentPolicy.noShowFee.type === 'fixed'
      ? minorToInput(service.paymentPolicy.noShowFee.value, currency)
      : String(service.paymentPolicy.noShowFee.value)
    : '0',
  bufferBeforeMinutes: service?.bufferBeforeMinutes ?? 0,
  bufferAfterMinutes: service?.bufferAfterMinutes ?? 0,
  capacity: service?.capacity ?? 1,
  minNoticeHours: String((service?.minNoticeMinutes ?? 0) / 60),
  maxAdvanceDays: service?.maxAdvanceDays ?? 365,
  slotIntervalMinutes: service?.slotIntervalMinutes ? String(service.slotIntervalMinutes) : '',
  slotPlacement: service?.slotPlacement ?? 'grid',
  bookingsPerDay: String(service?.limits.bookingsPerDay ?? ''),
  bookingsPerWeek: String(service?.limits.bookingsPerWeek ?? ''),
  minGapMinutes: String(service?.limits.minGapMinutes ?? ''),
  otherLimits: Object.fromEntries(
    Object.entries(service?.limits ?? {}).filter(
      (e): e is [string, number] => !SHOWN_LIMITS.includes(e[0]) && typeof e[1] === 'number',
    ),
  ),
  requiresApproval: service?.requiresApproval ?? false,
  active: service?.active ?? true,
  providerIds: service?.providerIds ?? [],
  locationIds: service?.locationIds ?? [],
});

export function ServiceDialog({ service, onClose }: { service: Service | null; onClose(): void }) {
  const { session } = useAuth();
  const tenant = useTenantProfile();
  const providers = useProviderList();
  const queryClient = useQueryClient();
  const notify = useToast();
  const { t } = useI18n();
  const currency = service?.currency ?? tenant.data?.currency ?? 'USD';
  const form = useEntityForm(serviceFormSchema(currency), draftOf(service, currency));
  const save = useMutation({
    mutationFn: (body: CreateService) =>
      service
        ? session.sdk.services.update({ params: { id: service.id }, body })
        : session.sdk.services.create({ body }),
    onSuccess: (s) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.services });
      void queryClient.invalidateQueries({ queryKey: adminKeys.providers });
      notify(
        t(service ? 'admin.services.dialog.saved' : 'admin.services.dialog.created', { name: s.name }),
      );
      onClose();
    },
  });
  const remove = useMutation({
    mutationFn: () => session.sdk.services.remove({ params: { id: service!.id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.services });
      notify(t('admin.services.dialog.deleted'));
      onClose();
    },
  });
  const num = { valueAsNumber: true } as const;
  const err = (name: string) => errorOf(form, name);
  const payMode = form.watch('payMode');
  const noShowType = form.watch('noShowType');

  return (
    <EntityDialog
      title={
        service ? t('admin.services.dialog.editTitle', { name: service.name }) : t('admin.services.new')
      }
      form={form}
      save={save}
      submitLabel={
        service ? t('admin.services.dialog.saveChanges') : t('admin.services.dialog.create')
      }
      onClose={onClose}
      remove={
        service
          ? {
              label: t('admin.services.dialog.delete'),
              confirm: t('admin.services.dialog.deleteConfirm', { name: service.name }),
              mutation: remove,
            }
          : undefined
      }
      wide
    >
      <TextInput
        label={t('admin.services.dialog.name')}
        required autoFocus {...form.register('name')} error={err('name')} />
      <TextArea
        label={t('admin.services.dialog.description')} {...form.register('description')} error={err('description')} />
      <div className="grid-3">
        <TextInput
          label={t('admin.services.dialog.duration')}
          type="number"
          min={5}
          max={1440}
          step={5}
          required
          {...form.register('durationMinutes', num)}
          error={err('durationMinutes')}
        />
        <TextInput
          label={t('admin.services.dialog.price', { currency })}
          inputMode="decimal"
          placeholder="0.00"
          {...form.register('price')}
          error={err('priceCents')}
        />
        <TextInput
          label={t('admin.services.dialog.category')}
          placeholder={t('admin.services.dialog.categoryPlaceholder')}
          {...form.register('category')}
          error={err('category')}
        />
      </div>
      <div className="grid-3">
        <Select
          label={t('admin.services.dialog.payMode')}
          {...form.register('payMode')}
          error={err('paymentPolicy.mode')}
        >
          <option value="none">{t('admin.services.dialog.payNone')}</option>
          <option value="full">{t('admin.services.dialog.payFull')}</option>
          <option value="fixed_deposit">{t('admin.services.dialog.payFixed')}</option>
          <option value="percent_deposit">{t('admin.services.dialog.payPercent')}</option>
          <option value="card_on_file">{t('admin.services.dialog.payCard')}</option>
        </Select>
        {(payMode === 'fixed_deposit' || payMode === 'percent_deposit') && (
          <TextInput
            label={
              payMode === 'fixed_deposit'
                ? t('admin.services.dialog.depositAmount', { currency })
                : t('admin.services.dialog.depositPercent')
            }
            inputMode="decimal"
            {...form.register('depositValue')}
            error={err('paymentPolicy.depositValue') ?? err('deposit.value')}
          />
        )}
        <TextInput
          label={t('admin.services.dialog.capacity')}
          type="number"
          min={1}
          max={1000}
          hint={t('admin.services.dialog.capacityHint')}
          {...form.register('capacity', num)}
          error={err('capacity')}
        />
      </div>
      {payMode !== 'none' && (
        <div className="grid-3">
          <TextInput
            label={t('admin.services.dialog.tiers')}
            placeholder="48:50, 24:100"
            hint={t('admin.services.dialog.tiersHint')}
            {...form.register('tiers')}
            error={err('paymentPolicy.cancellationTiers')}
          />
          <Select label={t('admin.services.dialog.noShow')} {...form.register('noShowType')}>
            <option value="none">{t('admin.services.dialog.noShowNone')}</option>
            <option value="fixed">{t('admin.services.dialog.noShowFixed')}</option>
            <option value="percent">{t('admin.services.dialog.noShowPercent')}</option>
          </Select>
          {noShowType !== 'none' && (
            <TextInput
              label={
                noShowType === 'fixed'
                  ? t('admin.services.dialog.noShowAmount', { currency })
                  : t('admin.services.dialog.noShowPercentValue')
              }
              inputMode="decimal"
              {...form.register('noShowValue')}
              error={err('paymentPolicy.noShowFee.value') ?? err('paymentPolicy.noShowFee')}
            />
          )}
        </div>
      )}
      <details className="disclosure">
        <summary>{t('admin.services.dialog.scheduling')}</summary>
        <div className="grid-3">
          <TextInput
            label={t('admin.services.dialog.bufferBefore')}
            type="number"
            min={0}
            {...form.register('bufferBeforeMinutes', num)}
            error={err('bufferBeforeMinutes')}
          />
          <TextInput
            label={t('admin.services.dialog.bufferAfter')}
            type="number"
            min={0}
            {...form.register('bufferAfterMinutes', num)}
            error={err('bufferAfterMinutes')}
          />
          <TextInput
            label={t('admin.services.dialog.interval')}
            type="number"
            min={5}
            placeholder={t('admin.services.dialog.intervalPlaceholder')}
            {...form.register('slotIntervalMinutes')}
            error={err('slotIntervalMinutes')}
          />
          <TextInput
            label={t('admin.services.dialog.notice')}
            type="number"
            min={0}
            step="0.5"
            {...form.register('minNoticeHours')}
            error={err('minNoticeMinutes')}
          />
          <TextInput
            label={t('admin.services.dialog.advance')}
            type="number"
            min={1}
            max={730}
            {...form.register('maxAdvanceDays', num)}
            error={err('maxAdvanceDays')}
          />
          <Select
            label={t('admin.services.dialog.placement')}
            hint={t('admin.services.dialog.placementHint')}
            {...form.register('slotPlacement')}
          >
            <option value="grid">{t('admin.services.dialog.placementGrid')}</option>
            <option value="fill">{t('admin.services.dialog.placementFill')}</option>
          </Select>
        </div>
        <div className="grid-3">
          <TextInput
            label={t('admin.services.dialog.perDay')}
            type="number"
            min={1}
            placeholder={t('admin.services.dialog.noLimit')}
            {...form.register('bookingsPerDay')}
            error={err('limits.bookingsPerDay')}
          />
          <TextInput
            label={t('admin.services.dialog.perWeek')}
            type="number"
            min={1}
            placeholder={t('admin.services.dialog.noLimit')}
            {...form.register('bookingsPerWeek')}
            error={err('limits.bookingsPerWeek')}
          />
          <TextInput
            label={t('admin.services.dialog.gap')}
            type="number"
            min={0}
            placeholder="0"
            {...form.register('minGapMinutes')}
            error={err('limits.minGapMinutes')}
          />
        </div>
      </details>
      <Controller
        control={form.control}
        name="providerIds"
        render={({ field, fieldState }) => (
          <CheckboxSet
            legend={t('admin.services.dialog.offeredBy')}
            items={providers.data}
            selected={field.value}
            onChange={field.onChange}
            empty={t('admin.services.dialog.noStaff')}
            error={fieldState.error?.message ?? err('providerIds')}
          />
        )}
      />
      <ServiceLocationsField control={form.control} name="locationIds" error={err('locationIds')} />
      <div className="grid-2">
        <Checkbox label={t('admin.services.dialog.active')} {...form.register('active')} />
        <Checkbox
          label={t('admin.services.dialog.approval')} {...form.register('requiresApproval')} />
      </div>
      {service && <ParticipantsSection service={service} />}
    </EntityDialog>
  );
}
