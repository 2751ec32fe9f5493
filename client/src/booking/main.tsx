import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createSdk } from '../shared/api';
import { detectLocale, I18nProvider } from '../shared/i18n';
import { SdkProvider } from '../shared/sdk-context';
import { App } from './App';
import '../shared/ui/base.css';
import './booking.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 60_000 } },
});
// The widget may pass ?lang=; otherwise the browser's preferences decide.
const lang = new URLSearchParams(window.location.search).get('lang');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SdkProvider sdk={createSdk()}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider initial={detectLocale(lang ? [lang, ...navigator.languages] : undefined)}>
          <App />
        </I18nProvider>
      </QueryClientProvider>
    </SdkProvider>
  </StrictMode>,
);
