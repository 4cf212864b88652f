import { loadedOnce } from '../common/loadedOnce';
import { fetchIdentity } from './identity';

// The shell is asked once who is signed in; the header, "owned by me" and the entity actions read the answer.
const identity = loadedOnce(fetchIdentity);

export const IdentityProvider = identity.Provider;
export const useIdentity = identity.useState;
