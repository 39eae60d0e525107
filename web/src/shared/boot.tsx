import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, useLocation } from 'react-router-dom';
import { ApiClient } from './api';
import { AuthSession } from './auth';
import type { Persistence } from './token-store';
import { loadConfig, type RuntimeConfig } from './config';
import { createQueryClient } from './query';
import { ServicesProvider, useServices, useTokens, type Services } from './services';
import { ToastProvider } from './ui';

/** Loads /config.json, builds the auth session and API client, and renders the SPA. */
export async function boot({
  product,
  storageKey,
  persistence = 'local',
  render,
}: {
  product: string;
  storageKey: string;
  /** Where the tokens live: every tab until sign-out (`local`), or this tab only (`session`). */
  persistence?: Persistence;
  render: () => ReactNode;
}) {
  const root = document.getElementById('root')!;
  let config: RuntimeConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    root.innerHTML = `<main class="boot-error"><h1>${product} could not start</h1><p>Its configuration could not be loaded. Check your connection and reload the page.</p><button class="btn btn-primary" type="button">Reload</button></main>`;
    root.querySelector('button')?.addEventListener('click', () => location.reload());
    console.error(error);
    return;
  }
  const auth = new AuthSession(
    { endpoint: config.cognitoEndpoint, clientId: config.userPoolClientId },
    storageKey,
    persistence,
  );
  const services: Services = { config, auth, api: new ApiClient(config.apiUrl, auth), product };
  const queryClient = createQueryClient();
  // Nothing one user loaded may be shown to the next one who signs in on this tab (or another tab).
  auth.subscribe(() => {
    if (!auth.getTokens()) queryClient.clear();
  });
  createRoot(root).render(
    <StrictMode>
      <ServicesProvider value={services}>
        <QueryClientProvider client={queryClient}>
          <ToastProvider>
            <BrowserRouter>{render()}</BrowserRouter>
          </ToastProvider>
        </QueryClientProvider>
      </ServicesProvider>
    </StrictMode>,
  );
}

/** Renders its children when signed in; otherwise sends the user to /sign-in?next=<here>. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { auth } = useServices();
  const tokens = useTokens();
  const location = useLocation();
  if (!tokens) {
    const here = location.pathname + location.search;
    const plain = here === '/' || auth.signOutReason === 'user';
    return <Navigate to={plain ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`} replace />;
  }
  return <>{children}</>;
}

/** A same-origin path from `?next=`, or the fallback. */
export function safeNext(search: string, fallback: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : fallback;
}
