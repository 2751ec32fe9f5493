import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Role } from '@slotwise/contracts';
import { navigate } from '../shared/router';
import type { AdminSession, Me } from './session';

interface Auth {
  me: Me;
  session: AdminSession;
  can(role: Role): boolean;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);
const RANK: Record<Role, number> = { viewer: 0, staff: 1, admin: 2, owner: 3 };

export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthGate');
  return a;
}

type Phase = 'booting' | 'anonymous' | 'signed-in';

/**
 * Restores the session from the stored refresh token on load, then renders `children` with the
 * caller's identity, or `anonymous` (the login and sign-up screens) when there is none.
 */
export function AuthGate({
  session,
  anonymous,
  booting,
  children,
}: {
  session: AdminSession;
  anonymous: (signedIn: () => void) => ReactNode;
  booting: ReactNode;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>(session.hasRefreshToken ? 'booting' : 'anonymous');

  useEffect(() => {
    session.onExpired(() => {
      queryClient.clear();
      setPhase('anonymous');
    });
    if (phase !== 'booting') return;
    void session.refresh().then((token) => setPhase(token ? 'signed-in' : 'anonymous'));
    // Boot once; later phases are driven by login, logout and expiry.
  }, []);

  const me = useQuery({
    queryKey: ['me'],
    enabled: phase === 'signed-in',
    queryFn: () => session.sdk.auth.me(),
    staleTime: 5 * 60_000,
  });

  const logout = useCallback(async () => {
    await session.sdk.auth.logout().catch(() => undefined);
    session.clear();
    queryClient.clear();
    setPhase('anonymous');
    navigate('/admin/login');
  }, [session, queryClient]);

  if (phase === 'booting' || (phase === 'signed-in' && me.isPending)) return <>{booting}</>;
  if (phase === 'anonymous' || !me.data) return <>{anonymous(() => setPhase('signed-in'))}</>;
  const value: Auth = {
    me: me.data,
    session,
    logout,
    can: (role) => RANK[me.data.role] >= RANK[role],
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
