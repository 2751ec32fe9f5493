/**
 * The server's key material (SECRETS_KEY). A secret shown once (an API key, a refresh token, a
 * manage link) is never stored in clear: what must be kept for later is sealed, and what can be
 * recomputed from an id is derived instead of stored or carried.
 */
export interface Secrets {
  /** Authenticated encryption of a value kept for later (an idempotent replay). */
  seal(plain: string): string;
  /** The value `seal` was given; throws if the ciphertext was altered or sealed under another key. */
  open(sealed: string): string;
  /** The secret of a booking's manage link: a keyed hash of its id, so nothing stores or carries it. */
  manageToken(bookingId: string): string;
  /**
   * The secret of a password-reset or verification link: a keyed hash of its user_tokens id, so
   * the email job derives it and no table or outbox payload holds it (ADR 0012).
   */
  accountToken(tokenId: string): string;
}
