import { Entity } from '../api/catalog';
import { EntityRefLink } from './EntityRefLink';
import { groupRelations } from './relations';

export function RelationsCard({ entity }: { entity: Entity }) {
  const groups = groupRelations(entity.relations);
  return (
    <section className="card" aria-labelledby="relations-heading">
      <h2 id="relations-heading">Relations</h2>
      {groups.length === 0 ? (
        <p className="muted">This entity has no relations.</p>
      ) : (
        <dl className="relations">
          {groups.map(([type, targets]) => (
            <div key={type}>
              <dt>{type}</dt>
              <dd>
                <ul>
                  {targets.map((target) => (
                    <li key={target}>
                      <EntityRefLink entityRef={target} withKind />
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
