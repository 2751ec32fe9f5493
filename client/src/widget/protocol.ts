/** Messages the embedded booking page posts to the widget on the host page. */
export type EmbedMessage =
  | { source: 'slotwise'; type: 'resize'; height: number }
  | {
      source: 'slotwise';
      type: 'booked';
      booking: { code: string; start: string; service: { id: string; name: string } };
    };

export function isEmbedMessage(data: unknown): data is EmbedMessage {
  if (!data || typeof data !== 'object') return false;
  const m = data as Record<string, unknown>;
  return m.source === 'slotwise' && (m.type === 'resize' || m.type === 'booked');
}
