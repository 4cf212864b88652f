import { useEffect, useState } from 'react';

/**
 * Whether the signed-in person may manage roles: the permission plugin answers its role list to
 * RBAC administrators only. Asked once, when the plugin is installed; anything but a 200 (a 403,
 * a failure) hides what only administrators can use.
 */
export function useRbacAdmin(installed: boolean): boolean {
  const [admin, setAdmin] = useState(false);
  useEffect(() => {
    if (!installed) {
      return;
    }
    let current = true;
    fetch('/api/permission/roles', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => current && setAdmin(response.ok))
      .catch(() => current && setAdmin(false));
    return () => {
      current = false;
    };
  }, [installed]);
  return admin;
}
