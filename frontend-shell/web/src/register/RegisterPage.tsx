import { FormEvent, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { analyzeLocation, Entity, LocationPreview, registerLocation } from '../api/catalog';
import { entityPath } from '../api/entityRef';
import { ErrorPanel, Loading } from '../common/StatusPanels';
import { trackEvent } from '../analytics/ga4';

type Step =
  | { name: 'enter' }
  | { name: 'working'; what: string }
  | { name: 'preview'; preview: LocationPreview; found?: string }
  | { name: 'registered'; preview: LocationPreview }
  | { name: 'nothing-found'; repository: string; suggestion?: Entity }
  | { name: 'failed'; error: Error };

/** A catalog file is named by its URL; anything else is taken for a repository to look into. */
function isCatalogFile(target: string): boolean {
  try {
    return /\.ya?ml$/i.test(new URL(target).pathname);
  } catch {
    return true;
  }
}


function refOf(entity: Entity) {
  return { kind: entity.kind, namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name };
}

function EntityList({ entities, linked }: { entities: Entity[]; linked: boolean }) {
  return (
    <ul className="entity-list">
      {entities.map((entity) => {
        const ref = refOf(entity);
        const label = `${entity.kind} ${ref.namespace}/${ref.name}`;
        return <li key={label}>{linked ? <Link to={entityPath(ref)}>{label}</Link> : label}</li>;
      })}
    </ul>
  );
}

/**
 * Register an existing component: a catalog file's URL (or a repository's, which the catalog looks
 * into for its catalog-info.yaml first), a dry run showing what it holds, then the real thing.
 */
export function RegisterPage() {
  const id = useId();
  const [target, setTarget] = useState('');
  const [step, setStep] = useState<Step>({ name: 'enter' });

  async function register() {
    if (step.name !== 'preview') return;
    setStep({ name: 'working', what: 'the registration' });
    try {
      await registerLocation(step.preview.location.target, false);
      trackEvent('register_location', { location_type: 'url' });
      setStep({ name: 'registered', preview: step.preview });
    } catch (error) {
      setStep({ name: 'failed', error: error as Error });
    }
  }

  async function preview(event: FormEvent) {
    event.preventDefault();
    const entered = target.trim();
    try {
      let file = entered;
      let found: string | undefined;
      if (!isCatalogFile(entered)) {
        setStep({ name: 'working', what: 'the repository' });
        const analysis = await analyzeLocation(entered);
        const existing = analysis.existingEntityFiles[0];
        if (!existing) {
          setStep({ name: 'nothing-found', repository: entered, suggestion: analysis.generateEntities[0]?.entity });
          return;
        }
        file = existing.location.target;
        found = file;
      }
      setStep({ name: 'working', what: 'the preview' });
      setStep({ name: 'preview', preview: await registerLocation(file, true), found });
    } catch (error) {
      setStep({ name: 'failed', error: error as Error });
    }
  }

  return (
    <section>
      <h1>Register an existing component</h1>
      <form className="register-form" onSubmit={preview}>
        <div className="field">
          <label htmlFor={id}>URL of a repository or a catalog-info.yaml</label>
          <input
            id={id}
            type="url"
            required
            value={target}
            placeholder="https://github.com/acme/payments/blob/main/catalog-info.yaml"
            onChange={(event) => {
              setTarget(event.target.value);
              setStep({ name: 'enter' });
            }}
          />
        </div>
        <button type="submit">Preview</button>
      </form>
      {step.name === 'working' && <Loading what={step.what} />}
      {step.name === 'failed' && <ErrorPanel title="The catalog refused" error={step.error} />}
      {step.name === 'preview' && (
        <div className="card" aria-live="polite">
          {step.found && (
            <p>
              The repository's catalog file: <code>{step.found}</code>
            </p>
          )}
          <h2>This file holds {step.preview.entities.length} {step.preview.entities.length === 1 ? 'entity' : 'entities'}</h2>
          <EntityList entities={step.preview.entities} linked={false} />
          {step.preview.exists ? (
            <p>This location is registered already.</p>
          ) : (
            <button type="button" onClick={register}>
              Register
            </button>
          )}
        </div>
      )}
      {step.name === 'nothing-found' && (
        <div className="card" role="status">
          <h2>No catalog file in this repository</h2>
          <p>
            <code>{step.repository}</code> has no catalog-info.yaml at its top. Commit one there and register it again;
            this describes the repository as a component to start from (set its owner):
          </p>
          {/* JSON is YAML too: the catalog reads this as it is. */}
          {step.suggestion && <pre className="suggested-entity">{JSON.stringify(step.suggestion, null, 2)}</pre>}
        </div>
      )}
      {step.name === 'registered' && (
        <div className="card" role="status">
          <h2>Registered</h2>
          <p>The catalog reads the file now; these entities appear within moments:</p>
          <EntityList entities={step.preview.entities} linked />
        </div>
      )}
    </section>
  );
}
