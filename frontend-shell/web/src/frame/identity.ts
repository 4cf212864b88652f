import { fetchJson } from '../api/http';

/** Who is signed in, as the shell's /api/whoami tells it. */
export interface Identity {
  userRef: string;
  ownershipRefs: string[];
  email?: string;
  displayName?: string;
  /** Whether the catalog lets this person register, refresh and unregister (a member of an admin group). */
  catalogAdmin?: boolean;
}

export function fetchIdentity(): Promise<Identity> {
  return fetchJson<Identity>('/api/whoami');
}
