import { createContext, ReactNode, useContext } from 'react';
import { AsyncState, useAsync } from '../common/useAsync';
import { fetchIdentity, Identity } from './identity';

const IdentityContext = createContext<AsyncState<Identity>>({ status: 'loading' });

/** Asks the shell once who is signed in; the header and "owned by me" both read the answer. */
export function IdentityProvider({ children }: { children: ReactNode }) {
  const identity = useAsync(fetchIdentity, []);
  return <IdentityContext.Provider value={identity}>{children}</IdentityContext.Provider>;
}

export function useIdentity(): AsyncState<Identity> {
  return useContext(IdentityContext);
}
