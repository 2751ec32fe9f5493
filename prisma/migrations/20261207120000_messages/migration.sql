-- Messages (issue 14, ADR 0011): the customer's language on the booking, reminder rows tied to
-- the booking's version, tenants' per-message subject/intro overrides, and the channel of every
-- logged message.

-- The language the customer booked in (en/es/fr); emails to the customer are written in it.
ALTER TABLE "bookings" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'en';

-- The message log carries the channel (email now, sms with the SMS messenger) and the booking a
-- message is about, for per-booking history.
ALTER TABLE "email_messages"
  ADD COLUMN "channel" TEXT NOT NULL DEFAULT 'email',
  ADD COLUMN "booking_id" UUID,
  ADD COLUMN "error" TEXT;
CREATE INDEX "email_messages_booking_idx" ON "email_messages"("tenant_id", "booking_id") WHERE "booking_id" IS NOT NULL;

-- One row per (booking version, offset, channel). A reschedule or cancel bumps the booking's
-- ics_sequence (its version): rows of an older version are deleted when the booking is synced and
-- skipped by the sender if they are still there. `send_key` is the message log's delivery key.
CREATE TABLE "reminders" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'email',
    "offset_minutes" INTEGER NOT NULL,
    "booking_version" INTEGER NOT NULL,
    "booking_start" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "send_key" TEXT NOT NULL,
    "skip_reason" TEXT,
    "processed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "reminders_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "reminders_channel_check" CHECK ("channel" IN ('email', 'sms')),
    CONSTRAINT "reminders_status_check" CHECK ("status" IN ('scheduled', 'sent', 'skipped'))
);
CREATE UNIQUE INDEX "reminders_tenant_id_send_key_key" ON "reminders"("tenant_id", "send_key");
CREATE INDEX "reminders_booking_idx" ON "reminders"("tenant_id", "booking_id");
-- The sweep's scan for due rows across tenants.
CREATE INDEX "reminders_due_idx" ON "reminders"("due_at") WHERE "status" = 'scheduled';
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_booking_fkey"
  FOREIGN KEY ("tenant_id", "booking_id") REFERENCES "bookings"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reminders" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "reminders" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "reminders" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "reminders" TO slotwise_app;

-- A tenant's wording of one message in one language: the subject and the intro paragraph.
CREATE TABLE "message_templates" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "template" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "subject" TEXT,
    "intro" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "message_templates_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "message_templates_tenant_id_template_locale_key" ON "message_templates"("tenant_id", "template", "locale");
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_tenant_fkey"
  FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "message_templates" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "message_templates" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "message_templates" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "message_templates" TO slotwise_app;
