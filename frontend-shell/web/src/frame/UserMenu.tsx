import { csrfToken } from '../api/http';
import { Identity } from './identity';

/**
 * Who is signed in, with what they own through (a disclosure, so keyboard users can open it too),
 * and the sign-out button: a form post, so the shell can redirect through the identity provider.
 */
export function UserMenu({ identity }: { identity: Identity }) {
  return (
    <div className="user-menu">
      <details className="user-details">
        <summary>
          <span className="visually-hidden">Signed in as </span>
          <span data-testid="user-ref">{identity.displayName ?? identity.userRef}</span>
        </summary>
        <div className="user-popup">
          <p>
            <code>{identity.userRef}</code>
          </p>
          <p>Owns through:</p>
          <ul>
            {identity.ownershipRefs.map((ref) => (
              <li key={ref}>
                <code>{ref}</code>
              </li>
            ))}
          </ul>
        </div>
      </details>
      <form method="post" action="/logout">
        <input type="hidden" name="_csrf" value={csrfToken() ?? ''} />
        <button type="submit">Sign out</button>
      </form>
    </div>
  );
}
