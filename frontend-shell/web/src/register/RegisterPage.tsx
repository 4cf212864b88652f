import { FormEvent, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { Entity, LocationPreview, registerLocation } from '../api/catalog';
import { entityPath } from '../api/entityRef';
import { ErrorPanel, Loading } from '../common/StatusPanels';
import { trackEvent } from '../analytics/ga4';

type Step =
  | { name: 'enter' }
  | { name: 'working'; what: string }
  | { name: 'preview'; preview: LocationPreview }
  | { name: 'registered'; preview: LocationPreview }
  | { name: 'failed'; error: Error };

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

/** Register an existing component: a catalog file's URL, a dry run showing what it holds, then the real thing. */
export function RegisterPage() {
  const id = useId();
  const [target, setTarget] = useState('');
  const [step, setStep] = useState<Step>({ name: 'enter' });

  async function run(what: string, dryRun: boolean) {
    setStep({ name: 'working', what });
    try {
      const preview = await registerLocation(target.trim(), dryRun);
      if (!dryRun) trackEvent('register_location', { location_type: 'url' });
      setStep(dryRun ? { name: 'preview', preview } : { name: 'registered', preview: step.name === 'preview' ? step.preview : preview });
    } catch (error) {
      setStep({ name: 'failed', error: error as Error });
    }
  }

  function preview(event: FormEvent) {
    event.preventDefault();
    run('the preview', true);
  }

  return (
    <section>
      <h1>Register an existing component</h1>
      <form className="register-form" onSubmit={preview}>
        <div className="field">
          <label htmlFor={id}>URL of a catalog-info.yaml</label>
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
          <h2>This file holds {step.preview.entities.length} {step.preview.entities.length === 1 ? 'entity' : 'entities'}</h2>
          <EntityList entities={step.preview.entities} linked={false} />
          {step.preview.exists ? (
            <p>This location is registered already.</p>
          ) : (
            <button type="button" onClick={() => run('the registration', false)}>
              Register
            </button>
          )}
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
