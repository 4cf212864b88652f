import Form from '@rjsf/core';
import { CustomValidator, FormValidation, UiSchema } from '@rjsf/utils';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Async } from '../common/Async';
import { ErrorPanel } from '../common/StatusPanels';
import { useAsync } from '../common/useAsync';
import { createTask, fetchParameterSchema, JsonSchema, ParameterError, ParameterErrors, ParameterSchema } from './api';
import { FIELDS, ScaffolderFormContext } from './fields';
import { ENTITY_NAME_RULE, errorPath, errorSchemaOf, fieldsOfKind, isValidEntityName, propertiesOf, splitUiSchema } from './schema';
import { useMayCreateTasks } from './useMayCreateTasks';
import { validator } from './validator';
import './scaffolder.css';

type Values = Record<string, unknown>;

interface Page {
  title: string;
  description?: string;
  schema: JsonSchema;
  uiSchema: UiSchema;
}

/** The parameter schema's pages, each with its `ui:*` hints apart and its title shown above the form rather than in it. */
export function pagesOf(parameters: ParameterSchema): Page[] {
  return parameters.steps.map((step) => {
    const { schema, uiSchema } = splitUiSchema(step.schema);
    const { title: _title, description: _description, ...rest } = schema;
    return { title: step.title, description: step.description, schema: rest, uiSchema };
  });
}

/** EntityNamePicker fields checked against Backstage's entity-name rule. */
function entityNameRule(uiSchema: UiSchema): CustomValidator {
  const names = fieldsOfKind(uiSchema, 'EntityNamePicker');
  return (formData: Values | undefined, errors: FormValidation) => {
    for (const name of names) {
      const value = formData?.[name];
      if (typeof value === 'string' && !isValidEntityName(value)) (errors[name] as FormValidation | undefined)?.addError(ENTITY_NAME_RULE);
    }
    return errors;
  };
}

/** /create/templates/:namespace/:name: the template's form, a page at a time, then a review, then the task. */
export function TemplateFormPage() {
  const { namespace = 'default', name = '' } = useParams();
  const state = useAsync(() => fetchParameterSchema(namespace, name), [namespace, name]);
  const mayCreate = useMayCreateTasks();
  return (
    <section>
      <p>
        <Link to="/create">All templates</Link>
      </p>
      <Async state={state} what="the template">
        {(parameters) => <TemplateWizard templateRef={`template:${namespace}/${name}`} parameters={parameters} mayCreate={mayCreate !== false} />}
      </Async>
    </section>
  );
}

const show = (value: unknown) => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

export function TemplateWizard({ templateRef, parameters, mayCreate }: { templateRef: string; parameters: ParameterSchema; mayCreate: boolean }) {
  const navigate = useNavigate();
  const pages = useMemo(() => pagesOf(parameters), [parameters]);
  const [page, setPage] = useState(0);
  const [values, setValues] = useState<Values>({});
  const secrets = useRef<Record<string, string>>({});
  const [serverErrors, setServerErrors] = useState<ParameterError[]>();
  const [failure, setFailure] = useState<Error>();
  const [creating, setCreating] = useState(false);
  const context = useMemo<ScaffolderFormContext>(
    () => ({
      secrets: secrets.current,
      setSecret: (key, value) => {
        if (value === undefined) delete secrets.current[key];
        else secrets.current[key] = value;
      },
    }),
    [],
  );
  const reviewing = page === pages.length;

  async function create() {
    setCreating(true);
    setFailure(undefined);
    try {
      const id = await createTask(templateRef, values, { ...secrets.current });
      navigate(`/create/tasks/${encodeURIComponent(id)}`);
    } catch (error) {
      setCreating(false);
      if (error instanceof ParameterErrors) {
        // Back to the first page holding a refused property, with the scaffolder's messages at their fields.
        const first = pages.findIndex((one) => error.errors.some((e) => propertiesOf(one.schema).has(errorPath(e.property)[0])));
        setServerErrors(error.errors);
        setPage(first >= 0 ? first : 0);
      } else {
        setFailure(error as Error);
      }
    }
  }

  return (
    <>
      <h1>{parameters.title}</h1>
      {parameters.description && <p>{parameters.description}</p>}
      <ol className="wizard-steps" aria-label="Form pages">
        {[...pages.map((one) => one.title), 'Review'].map((title, index) => (
          <li key={index} aria-current={index === page ? 'step' : undefined} className={index === page ? 'current' : index < page ? 'done' : undefined}>
            {title}
          </li>
        ))}
      </ol>
      {serverErrors && (
        <div className="error-panel" role="alert">
          <strong>The scaffolder refused these values</strong>
          <ul>
            {serverErrors.map((error, index) => <li key={index}>{error.stack ?? error.message}</li>)}
          </ul>
        </div>
      )}
      {!reviewing && (
        <div className="card">
          <h2>{pages[page].title}</h2>
          {pages[page].description && <p>{pages[page].description}</p>}
          <Form
            key={page}
            schema={pages[page].schema}
            uiSchema={{ ...pages[page].uiSchema, 'ui:submitButtonOptions': { norender: true } }}
            formData={values}
            formContext={context}
            validator={validator}
            fields={FIELDS}
            customValidate={entityNameRule(pages[page].uiSchema)}
            extraErrors={serverErrors ? errorSchemaOf(serverErrors) : undefined}
            showErrorList={false}
            noHtml5Validate
            onChange={(event) => {
              if (JSON.stringify(event.formData) !== JSON.stringify(values)) setServerErrors(undefined);
              setValues(event.formData);
            }}
            onSubmit={(event) => {
              setValues(event.formData);
              setPage(page + 1);
            }}
          >
            <div className="form-buttons">
              <button type="button" onClick={() => setPage(page - 1)} disabled={page === 0}>
                Back
              </button>
              <button type="submit">{page === pages.length - 1 ? 'Review' : 'Next'}</button>
            </div>
          </Form>
        </div>
      )}
      {reviewing && (
        <div className="card">
          <h2>Review</h2>
          <dl className="review">
            {pages.flatMap((one) =>
              [...propertiesOf(one.schema)]
                .filter(([key]) => values[key] !== undefined)
                .map(([key, property]) => (
                  <div key={key}>
                    <dt>{String(property.title ?? key)}</dt>
                    <dd>{(one.uiSchema[key] as UiSchema | undefined)?.['ui:field'] === 'Secret' ? '••••••••' : show(values[key])}</dd>
                  </div>
                )),
            )}
          </dl>
          {failure && <ErrorPanel title="Could not start the task" error={failure} />}
          <div className="form-buttons">
            <button type="button" onClick={() => setPage(page - 1)}>
              Back
            </button>
            <button type="button" onClick={create} disabled={creating || !mayCreate} title={mayCreate ? undefined : 'You may not run templates (scaffolder.task.create)'}>
              {creating ? 'Creating…' : 'Create'}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
