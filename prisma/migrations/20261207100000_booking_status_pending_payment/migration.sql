-- A booking that needs money is created pending_payment and holds its slot until the payment
-- succeeds or the hold expires (docs/decisions/0009-payments-ledger.md). The value is added in a
-- migration of its own: PostgreSQL cannot use an enum value in the transaction that adds it.
ALTER TYPE "BookingStatus" ADD VALUE IF NOT EXISTS 'pending_payment' BEFORE 'confirmed';
