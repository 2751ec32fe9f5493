import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { AuthGate } from '../../src/admin/auth';
import { AdminSession } from '../../src/admin/session';
import { ToastProvider } from '../../src/admin/ui/kit';
import { I18nProvider } from '../../src/shared/i18n';
import { errorReply, meReply, refreshReply } from './fake-api';

/**
 * An admin page under test: the real SDK, session and auth gate against a fake API. The fake
 * records every call, answers the session's refresh and `/v1/auth/me` (typed against the
 * contract), then the test's own routes; anything else is a 404 in the shared error shape.
 */
export interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** A test's routes: an answer, or undefined for "not mine" (→ 404). */
export type FakeRoutes = (call: ApiCall) => Response | undefined | Promise<Response | undefined>;

export type Role = 'owner' | 'admin' | 'staff' | 'viewer';

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * Installs the fake API for every test of the file (vitest hooks) and returns the calls it saw,
 * emptied before each test. `role` is read per call, so a test can change who is signed in.
 */
export function useFakeAdminApi(routes: FakeRoutes, opts: { role?: () => Role } = {}): ApiCall[] {
  const calls: ApiCall[] = [];
  const fakeApi = async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const call = { method, path: url.pathname, query: url.searchParams, body };
    calls.push(call);
    if (call.path === '/v1/auth/refresh') return refreshReply();
    if (call.path === '/v1/auth/me') return meReply(opts.role?.() ?? 'owner');
    return (await routes(call)) ?? errorReply(404, 'not_found', `No route ${method} ${call.path}`);
  };
  beforeEach(() => {
    calls.length = 0;
    vi.stubGlobal('fetch', vi.fn(fakeApi));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
  return calls;
}

/** jsdom has no modal dialogs; the kit's Dialog only needs showModal/close to toggle `open`. */
export function useDialogs() {
  beforeAll(() => {
    const proto = HTMLDialogElement.prototype as HTMLDialogElement & Record<string, unknown>;
    proto.showModal ??= function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    proto.close ??= function (this: HTMLDialogElement) {
      this.removeAttribute('open');
    };
  });
}

/** Renders `page` signed in (a stored refresh token), in English; returns a user-event session. */
export function renderAdminPage(page: ReactNode) {
  const store = new Map([['slotwise.admin.refreshToken', 'r1']]);
  const session = new AdminSession({
    getItem: (k) => store.get(k) ?? null,
    setItem: (k, v) => void store.set(k, v),
    removeItem: (k) => void store.delete(k),
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider initial="en">
        <ToastProvider>
          <AuthGate session={session} booting={<p>booting</p>} anonymous={() => <p>anonymous</p>}>
            {page}
          </AuthGate>
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}
