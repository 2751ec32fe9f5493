/** Links built from the one-time manage token: the page to manage the booking and its invite. */
export const manageHref = (token: string) =>
  `${window.location.origin}/manage/${encodeURIComponent(token)}`;
export const calendarHref = (token: string) =>
  `/v1/public/bookings/${encodeURIComponent(token)}/calendar.ics`;
