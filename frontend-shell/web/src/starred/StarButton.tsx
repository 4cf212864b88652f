import { EntityRef, stringifyEntityRef } from '../api/entityRef';
import { setStarred, useStarredRefs } from './starred';

/** A toggle button: its name says which entity, aria-pressed whether it is starred. */
export function StarButton({ entity, label }: { entity: EntityRef; label: string }) {
  const starred = useStarredRefs().includes(stringifyEntityRef(entity).toLowerCase());
  return (
    <button
      type="button"
      className={starred ? 'star starred' : 'star'}
      aria-pressed={starred}
      aria-label={`Star ${label}`}
      title={starred ? 'Starred: click to unstar' : 'Star'}
      onClick={() => setStarred(entity, !starred)}
    >
      <span aria-hidden="true">{starred ? '★' : '☆'}</span>
    </button>
  );
}
