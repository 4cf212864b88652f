import { csrfToken } from '../api/http';
import { Identity } from './identity';

/** Who is signed in and the sign-out button: a form post, so the shell can redirect through the identity provider. */
export function UserMenu({ identity }: { identity: Identity }) {
  return (
    <div className="user-menu">
      <span className="user-name" title={identity.ownershipRefs.join('\n')}>
        <span className="visually-hidden">Signed in as </span>
        <span data-testid="user-ref">{identity.displayName ?? identity.userRef}</span>
      </span>
      <form method="post" action="/logout">
        <input type="hidden" name="_csrf" value={csrfToken() ?? ''} />
        <button type="submit">Sign out</button>
      </form>
    </div>
  );
}
