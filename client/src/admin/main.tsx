import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './catalogs';
import { I18nProvider } from '../shared/i18n';
import { App } from './App';
import { initialAdminLocale } from './language';
import { AdminSession } from './session';
import { ToastProvider } from './ui/kit';
import '../shared/ui/base.css';
import './admin.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 15_000 } },
});
const session = new AdminSession();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider initial={initialAdminLocale()}>
        <ToastProvider>
          <App session={session} />
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
