/**
 * `given`, typed as the whole port: any other member is one the use case must not touch, and
 * touching it fails the test loudly. (A `given` repository that is itself partial fails too: its
 * missing methods are undefined, so calling one throws.)
 */
export function untouched<T extends object>(what: string, given: Partial<T>): T {
  return new Proxy(given as T, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof T];
      throw new Error(`unexpected use of ${what}.${String(prop)}`);
    },
  });
}
