import { ComponentType, ReactNode } from 'react';
import SwaggerUI from 'swagger-ui-react';
import 'swagger-ui-react/swagger-ui.css';
import { useLinkTarget } from '../common/ExternalLink';
import './swagger-contrast.css';

type LinkProps = { href?: string; children?: ReactNode };

/**
 * Swagger UI makes every link of a definition (contact, licence, terms, external docs) through its
 * `Link` component: wrapped here, those follow the rule entity links follow. Swagger UI's own check
 * refuses only javascript:, data: and vbscript:, and still draws a link (to about:blank).
 */
const LINKS_BY_OUR_RULE = () => ({
  wrapComponents: {
    Link: (SwaggerLink: ComponentType<LinkProps>) =>
      function LinkByOurRule(props: LinkProps) {
        const href = useLinkTarget(props.href);
        if (props.href === undefined || href) return <SwaggerLink {...props} href={href} />;
        return <span className="unlinked-url" title={props.href}>{props.children}</span>;
      },
  },
});

/**
 * Swagger UI for one OpenAPI definition. Loaded only on API pages (ApiDefinition imports it lazily),
 * so the catalog's pages never download it. "Try it out" is off: the portal documents APIs, and
 * calls from here would go out with no credentials of the API's own.
 */
export default function SwaggerDefinition({ spec }: { spec: object }) {
  return (
    <div className="swagger-definition">
      <SwaggerUI spec={spec} supportedSubmitMethods={[]} docExpansion="list" defaultModelsExpandDepth={0} plugins={[LINKS_BY_OUR_RULE]} />
    </div>
  );
}
