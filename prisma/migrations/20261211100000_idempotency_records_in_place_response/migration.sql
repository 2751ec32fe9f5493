-- The public booking write claims its Idempotency-Key (a ~250-byte row) and stores the response in
-- the same transaction (idempotency_claim, idempotency_complete; ADR 0008 §6): every row is
-- inserted narrow and at once updated to ~1.4 kB (the response sealed: ~1.15 kB of base64).
--
-- A quarter of each page (2 kB) left free for that update: it then stays on the claim's page, a HOT
-- update that adds no entry to the two indexes. At the default (100) one update in five moved to
-- another page and wrote both index entries (booking benchmark: 1,407 of 1,760 HOT). Measured in a
-- psql loop of 5,000 claim + complete transactions: the UPDATE 0.023 → 0.013 ms, 1,386 → 1,270
-- bytes of WAL, all HOT, the table no larger (75 leaves the same number of rows per page).
ALTER TABLE "idempotency_records" SET (fillfactor = 75, toast_tuple_target = 8160);
-- AES-GCM ciphertext does not compress: a sealed response over the TOAST threshold (~2 kB: long
-- intake answers or notes) no longer costs a futile pglz attempt and an out-of-line copy in the
-- TOAST table; it stays in the row up to ~8 kB (toast_tuple_target), and beyond goes out-of-line
-- uncompressed. A 2.4 kB one in the same loop: UPDATE 0.051 ms (pglz tried, TOAST table), 0.035 ms
-- (no pglz), 0.019 ms (in the row). Storage only: what is stored is unchanged.
ALTER TABLE "idempotency_records" ALTER COLUMN "response_sealed" SET STORAGE EXTERNAL;
