-- intake_answers.field_id referenced intake_fields through (tenant_id, field_id) ON DELETE SET NULL,
-- which nulls every column of the key: deleting a question that had answers failed on
-- tenant_id NOT NULL. Only field_id is cleared now (PostgreSQL 15+); the answer keeps its copies of
-- the key, label and value, so bookings still show what was asked and answered.

ALTER TABLE "intake_answers" DROP CONSTRAINT "intake_answers_tenant_id_field_id_fkey";
ALTER TABLE "intake_answers" ADD CONSTRAINT "intake_answers_tenant_id_field_id_fkey"
  FOREIGN KEY ("tenant_id", "field_id") REFERENCES "intake_fields"("tenant_id", "id")
  ON DELETE SET NULL ("field_id") ON UPDATE CASCADE;
