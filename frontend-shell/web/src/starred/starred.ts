import { useMemo, useSyncExternalStore } from 'react';
import { EntityRef, stringifyEntityRef } from '../api/entityRef';

/** Starred entities live in this browser only (localStorage), as Backstage's default storage keeps them. */
const KEY = 'backlot.starredEntities';
const CHANGED = 'backlot-starred-changed';

function read(): string[] {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((ref): ref is string => typeof ref === 'string') : [];
  } catch {
    // A value some other code left there: start from nothing rather than fail every page.
    return [];
  }
}

export function setStarred(ref: EntityRef, starred: boolean): void {
  const key = stringifyEntityRef(ref).toLowerCase();
  const others = read().filter((existing) => existing !== key);
  localStorage.setItem(KEY, JSON.stringify(starred ? [...others, key].sort() : others));
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void): () => void {
  // `storage` fires when another tab changes the list; CHANGED when this one does.
  window.addEventListener('storage', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/** The starred entity refs (lower case `kind:namespace/name`), kept current across components and tabs. */
export function useStarredRefs(): string[] {
  const raw = useSyncExternalStore(subscribe, () => localStorage.getItem(KEY));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(read, [raw]);
}
