/** A request a vendor fake keeps unanswered until the test releases it (a stalled vendor call). */
export interface HeldRequest {
  /** Settles once the request has come in. */
  arrived: Promise<void>;
  release(): void;
}

/**
 * The vendor fakes' `holdNext`: each hold takes the next request it matches; `pass` settles when
 * that request may be answered (at once when no hold takes it).
 */
export function requestHolds<M>(matches: (match: M, request: string) => boolean) {
  const holds: { match: M; reached: () => void; gate: Promise<void> }[] = [];
  return {
    hold(match: M): HeldRequest {
      let reached!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((r) => (reached = r));
      holds.push({ match, reached, gate: new Promise<void>((r) => (release = r)) });
      return { arrived, release };
    },
    async pass(request: string): Promise<void> {
      const i = holds.findIndex((h) => matches(h.match, request));
      if (i < 0) return;
      const [h] = holds.splice(i, 1);
      h!.reached();
      await h!.gate;
    },
  };
}
