import { createContext, useContext, type ReactNode } from 'react';
import type { Slotwise } from '@slotwise/sdk';

const SdkContext = createContext<Slotwise | null>(null);

export function SdkProvider({ sdk, children }: { sdk: Slotwise; children: ReactNode }) {
  return <SdkContext.Provider value={sdk}>{children}</SdkContext.Provider>;
}

export function useSdk(): Slotwise {
  const sdk = useContext(SdkContext);
  if (!sdk) throw new Error('useSdk outside SdkProvider');
  return sdk;
}
