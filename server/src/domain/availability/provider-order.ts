import type { ProviderInput } from './types';

/** Provider order used everywhere (slot provider lists, assignment ties): sortOrder, then id. */
export function compareProviders(
  a: Pick<ProviderInput, 'id' | 'sortOrder'>,
  b: Pick<ProviderInput, 'id' | 'sortOrder'>,
): number {
  if (a.sortOrder !== b.sortOrder) return a.sortOrder < b.sortOrder ? -1 : 1;
  // Code-unit order, not localeCompare: must not depend on the server's locale.
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sorted copy without duplicate ids (the first occurrence wins). */
export function orderProviders<T extends Pick<ProviderInput, 'id' | 'sortOrder'>>(
  providers: readonly T[],
): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const p of providers) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    out.push(p);
  }
  return out.sort(compareProviders);
}
