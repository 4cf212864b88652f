import { ReactNode } from 'react';
import { AsyncState } from './useAsync';
import { ErrorPanel, Loading } from './StatusPanels';

/** Shows loading and error states the same way everywhere, and `children` once the value is there. */
export function Async<T>({ state, what, children }: { state: AsyncState<T>; what: string; children: (value: T) => ReactNode }) {
  if (state.status === 'loading') return <Loading what={what} />;
  if (state.status === 'error') return <ErrorPanel title={`Could not load ${what}`} error={state.error} />;
  return <>{children(state.value)}</>;
}
