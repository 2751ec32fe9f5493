import { z } from 'zod';

/** The stdio server's environment, validated once at start-up. */
export const envSchema = z
  .object({
    SLOTWISE_BASE_URL: z
      .string({
        required_error:
          'SLOTWISE_BASE_URL is required (the API origin, e.g. https://book.example.com)',
      })
      .url('SLOTWISE_BASE_URL must be an absolute URL such as https://book.example.com'),
    SLOTWISE_API_KEY: z
      .string()
      .regex(/^sk_(test|live)_\S+$/, 'SLOTWISE_API_KEY must be an API key (sk_test_… or sk_live_…)')
      .optional(),
    SLOTWISE_TENANT: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, 'SLOTWISE_TENANT must be a business slug, e.g. demo')
      .optional(),
  })
  .refine((e) => e.SLOTWISE_API_KEY !== undefined || e.SLOTWISE_TENANT !== undefined, {
    message: 'Set SLOTWISE_API_KEY (act as the business) or SLOTWISE_TENANT (public booking only)',
    path: ['SLOTWISE_API_KEY'],
  });

export type McpEnv = z.infer<typeof envSchema>;

/** Empty variables (`KEY=` in a config file) mean "not set". */
export function readEnv(env: Record<string, string | undefined>) {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  return envSchema.safeParse(present);
}
