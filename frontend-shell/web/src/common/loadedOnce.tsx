import { createContext, ReactNode, useContext } from 'react';
import { AsyncState, useAsync } from './useAsync';

/**
 * A value the whole app reads but asks the shell for once (who is signed in, the app's config):
 * a provider that loads it, and a hook that reads its state anywhere below.
 */
export function loadedOnce<T>(load: () => Promise<T>) {
  const Context = createContext<AsyncState<T>>({ status: 'loading' });
  function Provider({ children }: { children: ReactNode }) {
    const state = useAsync(load, []);
    return <Context.Provider value={state}>{children}</Context.Provider>;
  }
  return { Provider, useState: () => useContext(Context) };
}
