import { useCallback } from 'react';
import { navigate, useLocation } from '../shared/router';
import type { LocalDate } from '../shared/time';

/**
 * Where the customer is in the booking flow, kept in the URL so Back and Forward move between
 * steps, a reload keeps the place, and a link can start part-way ("Book with Ana":
 * `/book/salon?provider=<id>`). Parameters: location (the site, for a business with several),
 * service, provider (an id or `any`), date, month (YYYY-MM-01), time (the chosen slot's start),
 * tz (the zone times are shown in) and lang.
 */
export interface FlowPlace {
  location?: string;
  service?: string;
  provider?: string;
  date?: LocalDate;
  month?: LocalDate;
  time?: string;
  tz?: string;
  lang?: string;
}
const KEYS = ['location', 'service', 'provider', 'date', 'month', 'time', 'tz', 'lang'] as const;

/** A new step is a history entry (Back returns to it); a change within a step replaces it. */
export type Move = 'step' | 'within';

export function useFlowPlace(): {
  place: FlowPlace;
  go(patch: Partial<Record<keyof FlowPlace, string | null>>, move: Move): void;
  urlFor(patch: Partial<Record<keyof FlowPlace, string | null>>): string;
} {
  const { path, query } = useLocation();
  const place: FlowPlace = {};
  for (const k of KEYS) {
    const v = query.get(k);
    if (v) place[k] = v;
  }
  const search = query.toString();
  const urlFor = useCallback(
    (patch: Partial<Record<keyof FlowPlace, string | null>>) => {
      // Other parameters (the widget's `parent`) are kept as they are.
      const next = new URLSearchParams(search);
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      const s = next.toString();
      return s ? `${path}?${s}` : path;
    },
    [path, search],
  );
  const go = useCallback(
    (patch: Partial<Record<keyof FlowPlace, string | null>>, move: Move) =>
      navigate(urlFor(patch), { replace: move === 'within' }),
    [urlFor],
  );
  return { place, go, urlFor };
}

/** Keeps the chosen language in the URL, so a reload or a shared link keeps it. */
export function rememberLanguage(lang: string) {
  const url = new URL(window.location.href);
  url.searchParams.set('lang', lang);
  navigate(url.pathname + url.search, { replace: true });
}
