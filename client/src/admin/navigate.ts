/** Leaves the admin app for a Stripe-hosted page (Checkout, the billing portal, Connect onboarding). */
export function leaveFor(url: string): void {
  window.location.assign(url);
}
