import { useMemo, useState } from 'react';
import { GraphqlType, graphqlTypes, searchGraphqlTypes } from './graphqlModel';
import { RawDefinition } from './RawDefinition';

function TypeCard({ type }: { type: GraphqlType }) {
  return (
    <section className="card graphql-type" aria-label={`${type.kind} ${type.name}`}>
      <h3>
        <span className="muted">{type.kind}</span> <code>{type.name}</code>
      </h3>
      {type.description && <p>{type.description}</p>}
      {type.fields.length > 0 && (
        <ul className="graphql-fields">
          {type.fields.map((field) => (
            <li key={field.name}>
              <code>
                {field.name}
                {field.args}
                {field.type && `: ${field.type}`}
              </code>
              {field.description && <span className="muted"> — {field.description}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** GraphQL SDL as readable docs: every named type with its fields, searchable by name; the text below. */
export default function GraphqlDocs({ sdl }: { sdl: string }) {
  const [term, setTerm] = useState('');
  const parsed = useMemo(() => {
    try {
      return { types: graphqlTypes(sdl) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [sdl]);
  if (parsed.error !== undefined) {
    return (
      <div className="graphql-docs">
        <p className="empty">The schema could not be read as GraphQL SDL ({parsed.error}); here is its text.</p>
        <RawDefinition text={sdl} format="graphql" />
      </div>
    );
  }
  const types = parsed.types ?? [];
  const shown = searchGraphqlTypes(types, term);
  return (
    <div className="graphql-docs">
      <label>
        Search types and fields{' '}
        <input type="search" value={term} onChange={(event) => setTerm(event.target.value)} placeholder="e.g. Payment or amount" />
      </label>
      <p className="muted" role="status">
        {shown.length} of {types.length} types
      </p>
      {shown.map((type) => (
        <TypeCard key={`${type.kind}-${type.name}`} type={type} />
      ))}
      <details className="whole-definition">
        <summary>The whole schema</summary>
        <RawDefinition text={sdl} format="graphql" />
      </details>
    </div>
  );
}
