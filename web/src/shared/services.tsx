import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ApiClient } from './api';
import type { AuthSession, Tokens } from './auth';
import type { RuntimeConfig } from './config';

export interface Services {
  config: RuntimeConfig;
  auth: AuthSession;
  api: ApiClient;
  /** Product name for titles: "Quoteflow" or "Quoteflow Admin". */
  product: string;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ value, children }: { value: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

/** The config, auth session and API client of this SPA. */
export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

export const useApi = (): ApiClient => useServices().api;

/** The current tokens; re-renders on sign-in, refresh and sign-out. */
export function useTokens(): Tokens | null {
  const { auth } = useServices();
  return useSyncExternalStore(auth.subscribe, auth.getTokens);
}
