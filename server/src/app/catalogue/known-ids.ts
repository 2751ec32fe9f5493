import { validationFailed } from '../errors';

/**
 * 422 naming each id in `ids` that is not in `known`, at `path.<index>`. Ids of another tenant
 * are invisible (row-level security), so they are reported exactly like ids that never existed.
 */
export function assertKnownIds(
  ids: readonly string[],
  known: readonly string[],
  path: string,
  what: string,
): void {
  const ok = new Set(known);
  const issues = ids.flatMap((id, i) =>
    ok.has(id) ? [] : [{ path: `${path}.${i}`, message: `Unknown ${what} ${id}` }],
  );
  if (issues.length > 0)
    throw validationFailed(issues, `Unknown ${what} id${issues.length > 1 ? 's' : ''}`);
}
