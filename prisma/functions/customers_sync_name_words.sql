-- Keeps customer_name_words (the words customer search matches by prefix; migration
-- *_customer_search_and_report_indexes) in step with every way a customer is written: API,
-- bookings, seeds. Erased customers have no words, so search never finds them.
-- A new customer has no words yet (they reference it), so an insert skips the delete: it runs on
-- every booking by a new customer (docs/performance.md "Booking").
CREATE OR REPLACE FUNCTION "customers_sync_name_words"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM customer_name_words WHERE tenant_id = NEW.tenant_id AND customer_id = NEW.id;
  END IF;
  IF NEW.erased_at IS NULL THEN
    INSERT INTO customer_name_words (tenant_id, customer_id, word)
    SELECT NEW.tenant_id, NEW.id, w FROM unnest(customer_name_words_of(NEW.name)) AS w;
  END IF;
  RETURN NULL;
END $$;
