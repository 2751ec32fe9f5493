-- Tenant plans, the tenant's own Stripe Billing subscription and its Stripe Connect account
-- (docs/decisions/0010-tenant-plans-and-connect.md, docs/guides/plans-and-billing.md).
--
-- plan_limits: the deployment's plan catalogue as the database needs it (the monthly booking cap
-- the bookings trigger enforces). It is written at start-up from the domain's catalogue
-- (server/src/domain/plans.ts) when PLANS_ENABLED=true and emptied otherwise, so "no row" means
-- "no limit". A reference table: no tenant_id.
CREATE TABLE "plan_limits" (
    "plan" TEXT NOT NULL,
    "monthly_bookings" INTEGER,
    CONSTRAINT "plan_limits_pkey" PRIMARY KEY ("plan")
);
GRANT SELECT, INSERT, UPDATE, DELETE ON "plan_limits" TO slotwise_app;

-- One row per tenant that has touched billing; a tenant without a row is on the free plan. The
-- plan changes only from Stripe's webhooks (re-fetched subscription), never from a request.
CREATE TABLE "tenant_billing" (
    "tenant_id" UUID NOT NULL,
    "plan" TEXT NOT NULL DEFAULT 'free',
    "subscription_status" TEXT,
    "stripe_customer_id" TEXT,
    "stripe_subscription_id" TEXT,
    "current_period_end" TIMESTAMPTZ(3),
    "cancel_at_period_end" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tenant_billing_pkey" PRIMARY KEY ("tenant_id"),
    CONSTRAINT "tenant_billing_plan_check" CHECK ("plan" IN ('free', 'pro'))
);
ALTER TABLE "tenant_billing" ADD CONSTRAINT "tenant_billing_tenant_id_fkey"
  FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "tenant_billing" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenant_billing" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenant_billing" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "tenant_billing" TO slotwise_app;

-- The tenant's connected Stripe account (Express), mirrored from account.updated.
CREATE TABLE "stripe_connect_accounts" (
    "tenant_id" UUID NOT NULL,
    "account_id" TEXT NOT NULL,
    "charges_enabled" BOOLEAN NOT NULL DEFAULT false,
    "payouts_enabled" BOOLEAN NOT NULL DEFAULT false,
    "details_submitted" BOOLEAN NOT NULL DEFAULT false,
    "requirements_due" TEXT[] NOT NULL DEFAULT '{}',
    "disabled_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "stripe_connect_accounts_pkey" PRIMARY KEY ("tenant_id")
);
ALTER TABLE "stripe_connect_accounts" ADD CONSTRAINT "stripe_connect_accounts_tenant_id_fkey"
  FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stripe_connect_accounts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "stripe_connect_accounts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "stripe_connect_accounts" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "stripe_connect_accounts" TO slotwise_app;

-- "Bookings created this month" for the monthly cap and the usage shown in settings.
CREATE INDEX "bookings_tenant_id_created_at_idx" ON "bookings"("tenant_id", "created_at");

-- The monthly booking cap (prisma/functions/plan_limits.sql): SW011 past the cap.
CREATE FUNCTION "tenant_month_start"(p_tenant uuid) RETURNS timestamptz LANGUAGE sql STABLE AS $$ SELECT now() $$;
CREATE FUNCTION "tenant_bookings_this_month"(p_tenant uuid) RETURNS integer LANGUAGE sql STABLE AS $$ SELECT 0 $$;
CREATE FUNCTION "bookings_enforce_plan_cap"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER "bookings_enforce_plan_cap" BEFORE INSERT ON "bookings"
  FOR EACH ROW EXECUTE FUNCTION "bookings_enforce_plan_cap"();
