-- Customer search and reporting indexes (customers, waitlist, reports).
--
-- Customer search is a prefix match on any word of the name, on the email or on the phone
-- digits, and never shows erased customers.
--
-- Why not a GIN index on to_tsvector(name), or LIKE on lower(email)? Under row-level security
-- PostgreSQL only uses a condition as an index condition when its operators and functions are
-- LEAKPROOF (they run before the tenant policy). `@@`, LIKE and lower() are not; the b-tree
-- pattern operators (~>=~, ~<~) and starts_with() are. So every search condition here is a
-- range on a text_pattern_ops b-tree, and the words of names live in their own table.

-- Words of a name as the text-search parser sees them ('simple': lower-cased, no stemming, no
-- stop words; "Anne-Marie O'Brien" → anne-marie, anne, marie, o, brien). The search splits the
-- typed text with the same function, so both sides always agree.
CREATE FUNCTION "customer_name_words_of"(p_name text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT w), '{}') FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, p_name))) AS w
$$;

CREATE TABLE "customer_name_words" (
    "tenant_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "word" TEXT NOT NULL,
    CONSTRAINT "customer_name_words_pkey" PRIMARY KEY ("tenant_id", "customer_id", "word")
);
CREATE INDEX "customer_name_words_prefix_idx" ON "customer_name_words" ("tenant_id", "word" text_pattern_ops, "customer_id");
ALTER TABLE "customer_name_words" ADD CONSTRAINT "customer_name_words_tenant_id_customer_id_fkey"
  FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "customer_name_words" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "customer_name_words" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "customer_name_words"
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- Kept by a trigger, so every way a customer is written (API, bookings, seeds) keeps it right.
-- Erased customers have no words: search never finds them.
CREATE FUNCTION "customers_sync_name_words"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_name_words WHERE tenant_id = NEW.tenant_id AND customer_id = NEW.id;
  IF NEW.erased_at IS NULL THEN
    INSERT INTO customer_name_words (tenant_id, customer_id, word)
    SELECT NEW.tenant_id, NEW.id, w FROM unnest(customer_name_words_of(NEW.name)) AS w;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "customers_sync_name_words" AFTER INSERT OR UPDATE OF name, erased_at ON "customers"
  FOR EACH ROW EXECUTE FUNCTION "customers_sync_name_words"();

-- Existing customers, tenant by tenant so it works under FORCE ROW LEVEL SECURITY too.
DO $$
DECLARE t uuid;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t::text, true);
    INSERT INTO customer_name_words (tenant_id, customer_id, word)
    SELECT c.tenant_id, c.id, w FROM customers c, unnest(customer_name_words_of(c.name)) AS w
    WHERE c.tenant_id = t AND c.erased_at IS NULL;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END $$;

-- Email (stored lower-cased) and phone (stored as + and digits) prefixes; live rows only.
CREATE INDEX "customers_email_prefix_idx" ON "customers" ("tenant_id", "email" text_pattern_ops)
  WHERE "erased_at" IS NULL AND "email" IS NOT NULL;
CREATE INDEX "customers_phone_prefix_idx" ON "customers" ("tenant_id", "phone" text_pattern_ops)
  WHERE "erased_at" IS NULL AND "phone" IS NOT NULL;
-- The customer list pages newest first on (created_at, id).
CREATE INDEX "customers_tenant_id_created_at_id_idx" ON "customers" ("tenant_id", "created_at" DESC, "id" DESC)
  WHERE "erased_at" IS NULL;

-- A customer's profile shows their latest bookings.
CREATE INDEX "bookings_tenant_id_customer_id_start_at_idx" ON "bookings" ("tenant_id", "customer_id", "start_at" DESC);
DROP INDEX "bookings_tenant_id_customer_id_idx";
