import { Link } from 'react-router-dom';
import { entityPath, parseEntityRef, shortRef } from '../api/entityRef';

/** A link to the entity `entityRef` names; `defaultKind` fills in refs that omit it, as spec.owner may. */
export function EntityRefLink({ entityRef, defaultKind = '', withKind = false }: { entityRef: string; defaultKind?: string; withKind?: boolean }) {
  const ref = parseEntityRef(entityRef, defaultKind);
  return <Link to={entityPath(ref)}>{shortRef(ref, withKind)}</Link>;
}
