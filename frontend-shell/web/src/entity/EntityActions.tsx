import { useState } from 'react';
import { Link } from 'react-router-dom';
import { deleteLocation, Entity, fetchLocationOfEntity, refreshEntity, RegisteredLocation } from '../api/catalog';
import { ApiError } from '../api/http';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ErrorPanel, Loading } from '../common/StatusPanels';
import { useIdentity } from '../frame/IdentityContext';
import { refOf } from './neighbourhood';

type State =
  | { name: 'idle' }
  | { name: 'working'; what: string }
  | { name: 'confirm'; location: RegisteredLocation }
  | { name: 'refreshed' }
  | { name: 'unregistered'; location: RegisteredLocation }
  | { name: 'failed'; title: string; error: Error };

/** What a refused or failed change means for the person who asked for it. */
function explain(error: unknown, action: string): Error {
  if (error instanceof ApiError && error.status === 403) {
    return new Error(`You may not ${action}: only members of the catalog's admin groups may. (${error.message})`);
  }
  return error as Error;
}

/**
 * "Refresh" and "Unregister" for the people the catalog lets change it (the shell says so in
 * /api/whoami); the catalog decides again on every call and a refusal is explained.
 */
export function EntityActions({ entity }: { entity: Entity }) {
  const identity = useIdentity();
  const [state, setState] = useState<State>({ name: 'idle' });
  if (identity.status !== 'done' || !identity.value.catalogAdmin) return null;
  const ref = refOf(entity);
  const { kind, metadata } = entity;
  const namespace = metadata.namespace ?? 'default';

  async function refresh() {
    setState({ name: 'working', what: 'the refresh' });
    try {
      await refreshEntity(ref);
      setState({ name: 'refreshed' });
    } catch (error) {
      setState({ name: 'failed', title: 'Could not refresh', error: explain(error, 'refresh entities') });
    }
  }

  async function askToUnregister() {
    setState({ name: 'working', what: 'where this entity comes from' });
    try {
      setState({ name: 'confirm', location: await fetchLocationOfEntity(kind, namespace, metadata.name) });
    } catch (error) {
      const notRegistered = error instanceof ApiError && error.status === 404;
      setState({
        name: 'failed',
        title: 'Cannot unregister',
        error: notRegistered ? new Error(`${ref} comes from a location in the catalog's configuration, not a registered one; change the configuration to remove it. (${error.message})`) : (error as Error),
      });
    }
  }

  async function unregister(location: RegisteredLocation) {
    setState({ name: 'working', what: 'the unregistration' });
    try {
      await deleteLocation(location.id);
      setState({ name: 'unregistered', location });
    } catch (error) {
      setState({ name: 'failed', title: 'Could not unregister', error: explain(error, 'unregister locations') });
    }
  }

  return (
    <div className="entity-actions">
      <div className="action-buttons">
        <button type="button" onClick={refresh} disabled={state.name === 'working'}>
          Refresh
        </button>
        <button type="button" className="danger" onClick={askToUnregister} disabled={state.name === 'working'}>
          Unregister
        </button>
      </div>
      {state.name === 'working' && <Loading what={state.what} />}
      {state.name === 'failed' && <ErrorPanel title={state.title} error={state.error} />}
      {state.name === 'refreshed' && (
        <p role="status">The catalog has read this entity's location again; reload the page to see any change.</p>
      )}
      {state.name === 'unregistered' && (
        <p role="status">
          Unregistered {state.location.target}: its entities leave the catalog. <Link to="/catalog">Back to the catalog</Link>
        </p>
      )}
      {state.name === 'confirm' && (
        <ConfirmDialog
          title={`Unregister ${metadata.name}?`}
          confirmLabel="Unregister"
          onCancel={() => setState({ name: 'idle' })}
          onConfirm={() => unregister(state.location)}
        >
          <p>
            This removes the location <code>{state.location.target}</code> from the catalog, with every entity it gives, not
            only this one. The file itself is not touched, and registering it again brings them back.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
