import { z } from 'zod';

/**
 * A service's payment policy: what the customer pays when booking, what cancelling costs as the
 * appointment approaches, and what a no-show costs. Amounts are computed by the server's domain
 * (domain/payments/policy.ts); percentages have at most two decimals.
 */
export const PAYMENT_MODES = ['none', 'full', 'fixed_deposit', 'percent_deposit', 'card_on_file'] as const;
export const paymentModeSchema = z
  .enum(PAYMENT_MODES)
  .describe(
    'none: no payment; full: the price at booking; fixed_deposit / percent_deposit: a deposit at booking; card_on_file: no charge now, the card is held or saved for fees',
  );
export type PaymentMode = z.infer<typeof paymentModeSchema>;

const percent = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'At most 2 decimals');

export const cancellationTierSchema = z
  .object({
    hoursBefore: z
      .number()
      .int()
      .min(0)
      .max(24 * 365)
      .describe('The tier applies when the customer cancels less than this many hours before the start'),
    feePercent: percent.describe('Fee, percent of the price'),
  })
  .strict();
export type CancellationTier = z.infer<typeof cancellationTierSchema>;

export const noShowFeeSchema = z
  .object({
    type: z.enum(['none', 'fixed', 'percent']),
    value: z.number().min(0).describe('Minor units for fixed, percent (0–100) for percent, 0 for none'),
  })
  .strict();

export const paymentPolicySchema = z
  .object({
    mode: paymentModeSchema,
    depositValue: z
      .number()
      .min(0)
      .default(0)
      .describe('Minor units for fixed_deposit, percent (0–100) for percent_deposit, else 0'),
    cancellationTiers: z
      .array(cancellationTierSchema)
      .max(10)
      .default([])
      .refine(
        (ts) => new Set(ts.map((t) => t.hoursBefore)).size === ts.length,
        'Each tier needs its own hoursBefore',
      )
      .describe('E.g. [{hoursBefore: 48, feePercent: 50}, {hoursBefore: 24, feePercent: 100}]'),
    noShowFee: noShowFeeSchema.default({ type: 'none', value: 0 }),
  })
  .strict()
  .superRefine((p, ctx) => {
    const issue = (path: string[], message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    if (p.mode === 'fixed_deposit' && !Number.isInteger(p.depositValue))
      issue(['depositValue'], 'A fixed deposit is an integer amount of minor units');
    if (p.mode === 'percent_deposit' && (p.depositValue > 100 || p.depositValue <= 0))
      issue(['depositValue'], 'A percentage deposit is between 0 and 100');
    if (p.mode === 'percent_deposit' && Math.abs(p.depositValue * 100 - Math.round(p.depositValue * 100)) > 1e-6)
      issue(['depositValue'], 'At most 2 decimals');
    if (p.mode === 'fixed_deposit' && p.depositValue <= 0)
      issue(['depositValue'], 'A fixed deposit must be more than 0');
    if (!['fixed_deposit', 'percent_deposit'].includes(p.mode) && p.depositValue !== 0)
      issue(['depositValue'], 'Must be 0 unless the mode is a deposit');
    if (p.noShowFee.type === 'none' && p.noShowFee.value !== 0)
      issue(['noShowFee', 'value'], 'Must be 0 when there is no no-show fee');
    if (p.noShowFee.type === 'fixed' && !Number.isInteger(p.noShowFee.value))
      issue(['noShowFee', 'value'], 'A fixed fee is an integer amount of minor units');
    if (p.noShowFee.type === 'percent' && (p.noShowFee.value > 100 || Math.abs(p.noShowFee.value * 100 - Math.round(p.noShowFee.value * 100)) > 1e-6))
      issue(['noShowFee', 'value'], 'A percentage is between 0 and 100 with at most 2 decimals');
  });
export type PaymentPolicy = z.infer<typeof paymentPolicySchema>;
export type PaymentPolicyInput = z.input<typeof paymentPolicySchema>;

export const NO_PAYMENT_POLICY: PaymentPolicy = {
  mode: 'none',
  depositValue: 0,
  cancellationTiers: [],
  noShowFee: { type: 'none', value: 0 },
};
