import { fetchJson } from '../api/http';
import { loadedOnce } from '../common/loadedOnce';

/** The shell's GET /api/app/config: what this deployment runs and whether analytics are on. */
export interface AppConfig {
  /** Ids of the backend plugins behind the gateway (from their manifests). */
  plugins: string[];
  analytics: { ga4: { measurementId: string | null } };
  /** The URL schemes links may have (backlot.links.allowedSchemes, with http, https and mailto). */
  links?: { allowedSchemes: string[] };
}

export function fetchAppConfig(): Promise<AppConfig> {
  return fetchJson<AppConfig>('/api/app/config');
}

const appConfig = loadedOnce(fetchAppConfig);

export const AppConfigProvider = appConfig.Provider;
export const useAppConfig = appConfig.useState;
