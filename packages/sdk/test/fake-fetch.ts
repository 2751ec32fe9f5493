import type { FetchLike } from '../src';

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  /** Date.now() when the attempt was made (fake timers make this exact). */
  at: number;
  signal: AbortSignal | undefined;
}

type Step = Response | Error | ((call: RecordedCall) => Response | Promise<Response>);

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function apiError(
  status: number,
  code: string,
  message = code,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return json(status, { error: { code, message, requestId: 'req_123', ...extra } }, headers);
}

/** Never answers; rejects like real fetch when its signal aborts. */
export const hang: Step = (call) =>
  new Promise<Response>((_resolve, reject) => {
    call.signal?.addEventListener('abort', () =>
      reject(call.signal!.reason ?? new DOMException('aborted', 'AbortError')),
    );
  });

/** A scripted fetch: answers the n-th call with the n-th step (the last step repeats). */
export function fakeFetch(...steps: Step[]) {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const call: RecordedCall = {
      url,
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      at: Date.now(),
      signal: init.signal ?? undefined,
    };
    calls.push(call);
    const step = steps[Math.min(calls.length - 1, steps.length - 1)]!;
    if (step instanceof Error) throw step;
    if (step instanceof Response) return step.clone();
    return step(call);
  };
  return { fetch, calls };
}
