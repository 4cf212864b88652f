import { Link } from 'react-router-dom';
import { Entity } from '../api/catalog';
import { EntityRef, entityPath, parseEntityRef, shortRef } from '../api/entityRef';
import { StarButton } from '../starred/StarButton';

function specText(entity: Entity, key: string): string {
  const value = entity.spec?.[key];
  return typeof value === 'string' ? value : '';
}

/** Entities as table rows; each name links to `linkTo` of the entity (its catalog page unless told otherwise). */
export function EntityTable({ entities, linkTo = entityPath }: { entities: Entity[]; linkTo?: (ref: EntityRef) => string }) {
  if (entities.length === 0) {
    return <p className="empty">No entities match these filters.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="entity-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Type</th>
            <th scope="col">Owner</th>
            <th scope="col">Lifecycle</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {entities.map((entity) => {
            const ref = { kind: entity.kind, namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name };
            const owner = specText(entity, 'owner');
            return (
              <tr key={entity.metadata.uid ?? `${ref.kind}:${ref.namespace}/${ref.name}`}>
                <td>
                  <span className="name-cell">
                    <Link to={linkTo(ref)}>{entity.metadata.title ?? shortRef(ref)}</Link>
                    <StarButton entity={ref} label={entity.metadata.title ?? shortRef(ref)} />
                  </span>
                </td>
                <td>{entity.kind}</td>
                <td>{specText(entity, 'type')}</td>
                <td>{owner && <Link to={entityPath(parseEntityRef(owner, 'group'))}>{shortRef(parseEntityRef(owner, 'group'))}</Link>}</td>
                <td>{specText(entity, 'lifecycle')}</td>
                <td>{entity.metadata.description}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
