import { useEffect, useState } from 'react';
import { csrfToken } from '../api/http';

/**
 * Whether the signed-in person may start tasks (`scaffolder.task.create`), asked of the scaffolder
 * itself as useRbacAdmin asks the permission plugin: a `POST /v2/tasks` without a template, which
 * the route's permission check answers with a 403 before the handler refuses it with a 400. So the
 * answer is the scaffolder's own, with permissions enforced or not (`permission.enabled`), and
 * nothing is created. Undefined until known; anything but the 400 hides what creates tasks.
 */
export function useMayCreateTasks(): boolean | undefined {
  const [allowed, setAllowed] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let current = true;
    const headers = new Headers({ 'Content-Type': 'application/json', Accept: 'application/json' });
    const token = csrfToken();
    if (token) headers.set('X-XSRF-TOKEN', token);
    fetch('/api/scaffolder/v2/tasks', { method: 'POST', credentials: 'same-origin', headers, body: '{}' })
      .then((response) => current && setAllowed(response.status === 400))
      .catch(() => current && setAllowed(false));
    return () => {
      current = false;
    };
  }, []);
  return allowed;
}
