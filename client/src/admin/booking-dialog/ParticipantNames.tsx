import type { BookingDetail } from '../data';

/**
 * Everyone a booking holds (ADR 0018): its provider, then a team booking's hosts, and the
 * resources it needs underneath. A one-provider booking reads exactly as before.
 */
export function ParticipantNames({ booking }: { booking: BookingDetail }) {
  const providers = booking.participants?.providers ?? [];
  const resources = booking.participants?.resources ?? [];
  return (
    <>
      {providers.length > 1 ? providers.map((p) => p.name).join(', ') : booking.provider.name}
      {resources.length > 0 && (
        <div className="muted small">{resources.map((r) => r.name).join(', ')}</div>
      )}
    </>
  );
}
