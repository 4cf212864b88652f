import { lazy, Suspense } from 'react';
import { ApiVersion } from '../api/apiDocs';
import { Loading } from '../common/StatusPanels';
import { AsyncApiDocs } from './AsyncApiDocs';
import { RawDefinition } from './RawDefinition';

// Swagger UI is large: its own chunk, fetched when an OpenAPI definition is first shown; so is
// graphql-js, when a GraphQL schema is.
const SwaggerDefinition = lazy(() => import('./SwaggerDefinition'));
const GraphqlDocs = lazy(() => import('./GraphqlDocs'));

/** A definition as readable docs: Swagger UI for OpenAPI, our renderers for AsyncAPI and GraphQL, the text for anything else. */
export function ApiDefinition({ version, definition }: { version: ApiVersion; definition: unknown }) {
  if (version.format === 'openapi' && typeof definition === 'object' && definition !== null) {
    return (
      <Suspense fallback={<Loading what="the OpenAPI viewer" />}>
        <SwaggerDefinition spec={definition} />
      </Suspense>
    );
  }
  if (version.format === 'asyncapi' && typeof definition === 'object' && definition !== null) {
    return <AsyncApiDocs definition={definition as Record<string, unknown>} />;
  }
  if (version.format === 'graphql' && typeof definition === 'string') {
    return (
      <Suspense fallback={<Loading what="the GraphQL schema" />}>
        <GraphqlDocs sdl={definition} />
      </Suspense>
    );
  }
  return <RawDefinition text={typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2)} format={version.format} />;
}
