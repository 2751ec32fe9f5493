import type { BookingParticipants, PublicProvider, PublicService } from './types';

/** Names as running text in the reader's language ("Pat and Quinn", "Pat y Quinn"). */
const listNames = (names: readonly string[], locale: string) =>
  new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);

/**
 * Who a customer may pick for a service (ADR 0018): nobody when every provider attends
 * (collective), the providers other than the hosts for round robin (the hosts attend every
 * booking), else every provider.
 */
export function pickableProviderIds(s: PublicService): string[] {
  if (s.participantMode === 'collective') return [];
  return s.providerIds.filter((id) => !s.hostProviderIds.includes(id));
}

/** "Who would you like?" is asked only when there are two or more to pick from. */
export const asksForProvider = (s: PublicService): boolean => pickableProviderIds(s).length > 1;

/**
 * Who attends, as the summary and the confirmation name them: every provider of a collective
 * service; a round robin service's hosts and the picked provider; otherwise the picked one.
 * `picked` is a name, or null for "whoever is free" (`anyone` is that label). Empty while the
 * names are loading.
 */
export function attendeesText(
  s: PublicService,
  providers: readonly PublicProvider[] | undefined,
  picked: string | null,
  anyone: string,
  locale: string,
): string {
  if (s.participantMode === 'single') return picked ?? anyone;
  if (!providers) return '';
  const team = s.participantMode === 'collective' ? s.providerIds : s.hostProviderIds;
  const names = team.flatMap((id) => providers.find((p) => p.id === id)?.name ?? []);
  const list = (xs: string[]) => listNames(xs, locale);
  if (s.participantMode === 'collective') return list(names);
  return picked === null ? `${list(names)} + ${anyone}` : list([...names, picked]);
}

/**
 * Who attends a booking already made, from the participants it holds (the manage page): its own
 * provider first, then a team's other members.
 */
export const participantsText = (p: BookingParticipants, locale: string): string =>
  listNames(
    p.providers.map((x) => x.name),
    locale,
  );
