import { fakeFetch, json } from '../testing/fakeApi';

/** A validation report with nothing found. */
export const CLEAN = { valid: true, errorCount: 0, warningCount: 0, errors: [], warnings: [] };

/**
 * Stands in for the api-docs plugin: the API page also reads each shown version's metadata for its
 * validation report, which is clean unless `report` says otherwise; `answer` serves the rest.
 */
export function fakeApiDocs(answer: (url: URL) => Response, report: (url: URL) => unknown = () => CLEAN) {
  return fakeFetch((url) => (/\/versions\/[^/]+$/.test(url.pathname) ? json({ validation: report(url) }) : answer(url)));
}
