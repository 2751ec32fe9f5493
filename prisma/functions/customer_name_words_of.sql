-- Words of a name as the text-search parser sees them ('simple': lower-cased, no stemming, no
-- stop words; "Anne-Marie O'Brien" → anne-marie, anne, marie, o, brien): the words customer
-- search matches by prefix (migration *_customer_search_and_report_indexes). The search splits
-- the typed text with this function and customers_sync_name_words stores the words of every
-- name with it, so both sides always agree.
--
-- One expression, no FROM: PostgreSQL inlines such a SQL function into the statement that calls
-- it, so the name-words trigger's cached plan evaluates it directly. Its first definition (an
-- aggregate over the lexemes) could not be inlined, and each call parsed, analysed and planned
-- its body again: half of that trigger's cost on every booking by a new customer. A tsvector's
-- lexemes are already distinct, so the array is the same set of words.
CREATE OR REPLACE FUNCTION "customer_name_words_of"(p_name text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(tsvector_to_array(to_tsvector('simple'::regconfig, p_name)), '{}')
$$;
