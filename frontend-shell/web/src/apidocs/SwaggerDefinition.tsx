import SwaggerUI from 'swagger-ui-react';
import 'swagger-ui-react/swagger-ui.css';
import './swagger-contrast.css';

/**
 * Swagger UI for one OpenAPI definition. Loaded only on API pages (ApiDefinition imports it lazily),
 * so the catalog's pages never download it. "Try it out" is off: the portal documents APIs, and
 * calls from here would go out with no credentials of the API's own.
 */
export default function SwaggerDefinition({ spec }: { spec: object }) {
  return (
    <div className="swagger-definition">
      <SwaggerUI spec={spec} supportedSubmitMethods={[]} docExpansion="list" defaultModelsExpandDepth={0} />
    </div>
  );
}
