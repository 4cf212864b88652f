import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiVersion } from '../api/apiDocs';
import { json } from '../testing/fakeApi';
import { fakeApiDocs } from './fakeApiDocs';
import { ApiDocsPage } from './ApiDocsPage';

vi.mock('./SwaggerDefinition', () => ({
  default: ({ spec }: { spec: { info: { version: string } } }) => <p>Swagger UI for version {spec.info.version}</p>,
}));

afterEach(() => vi.unstubAllGlobals());

function version(hash: string, apiVersion: string): ApiVersion {
  return { entityRef: 'api:default/tasks', version: hash, format: 'openapi', apiVersion, valid: true, errorCount: 0, warningCount: 0, submittedAt: '2026-12-07T10:00:00Z' };
}

const V3 = version('c'.repeat(64), '3.0.0');
const V2 = version('b'.repeat(64), '2.0.0');
const V1 = version('a'.repeat(64), '1.0.0');
const VERDICTS = [
  { from: V2.version, to: V3.version, compared: true, breaking: true, breakingCount: 2, changeCount: 1 },
  { from: V1.version, to: V2.version, compared: true, breaking: false, breakingCount: 0, changeCount: 3 },
];
const DIFF = {
  breaking: true, result: 'incompatible', format: 'openapi', breakingCount: 2, from: V2.version, to: V3.version, summary: '',
  changes: [
    { kind: 'operation-changed', method: 'GET', path: '/tasks', subject: 'GET /tasks', breaking: true, details: [], omitted: 0,
      findings: [
        { rule: 'request-parameter-became-enum', breaking: true, at: "query parameter 'status'", message: 'now restricted to "todo", "done"' },
        { rule: 'request-parameter-became-nullable', breaking: false, at: "query parameter 'status'", message: 'may now be null' },
      ] },
    { kind: 'operation-changed', method: 'POST', path: '/tasks', subject: 'POST /tasks', breaking: true, details: [], omitted: 12,
      findings: [{ rule: 'new-required-request-property', breaking: true, at: 'request body application/json: owner', message: 'new required property' }] },
    { kind: 'endpoint-added', method: 'GET', path: '/labels', subject: 'GET /labels', breaking: false, details: [],
      findings: [{ rule: 'endpoint-added', breaking: false, at: '', message: 'operation added' }] },
  ],
};

function CurrentSearch() {
  return <output data-testid="search">{useLocation().search}</output>;
}

function renderPage() {
  const requests = fakeApiDocs((url) => {
    if (url.pathname.endsWith('/versions')) return json({ items: [V3, V2, V1] });
    if (url.pathname.endsWith('/changes')) return json({ items: VERDICTS });
    if (url.pathname.endsWith('/diff')) return json({ ...DIFF, from: url.searchParams.get('from'), to: url.searchParams.get('to') });
    return json({ openapi: '3.1.0', info: { title: 'Tasks', version: '3.0.0' } });
  });
  render(
    <MemoryRouter initialEntries={['/api-docs/default/tasks']}>
      <Routes>
        <Route path="/api-docs/:namespace/:name" element={<><ApiDocsPage /><CurrentSearch /></>} />
      </Routes>
    </MemoryRouter>,
  );
  return requests;
}

describe('the version picker and the breaking-change report', () => {
  it('marks each version with whether it broke the one before it', async () => {
    renderPage();
    const picker = (await screen.findByLabelText('Version')) as HTMLSelectElement;
    await screen.findByRole('list', { name: 'Version history' });
    const options = within(picker).getAllByRole('option').map((option) => option.textContent);
    expect(options[0]).toMatch(/^3\.0\.0 .* \(latest\) · ⚠ breaking \(2 changes\)$/);
    expect(options[1]).toMatch(/^2\.0\.0 .* · compatible$/);
    expect(options[2]).toBe('1.0.0 · 2026-12-07 10:00 · aaaaaaa');
    const history = within(screen.getByRole('list', { name: 'Version history' })).getAllByRole('listitem');
    expect(history.map((item) => item.className)).toEqual(['breaking', '']);
  });

  it('groups the report by operation with the rule that fired, breaking ones first', async () => {
    renderPage();
    const breaking = await screen.findByRole('region', { name: 'Breaking changes' });
    const getTasks = within(breaking).getByRole('list', { name: 'Rules that fired in GET /tasks' });
    const lines = within(getTasks).getAllByRole('listitem').map((item) => item.textContent);
    expect(lines).toEqual([
      "request-parameter-became-enum (breaking) query parameter 'status': now restricted to \"todo\", \"done\"",
      "request-parameter-became-nullable query parameter 'status': may now be null",
    ]);
    const postTasks = within(breaking).getByRole('list', { name: 'Rules that fired in POST /tasks' });
    expect(postTasks.textContent).toContain('… 12 more findings not listed');
    const compatible = screen.getByRole('region', { name: 'Non-breaking changes' });
    expect(within(compatible).getByText('GET /labels')).toBeTruthy();
    expect(screen.getByText('Breaking: clients of the older version may fail (2 breaking changes).')).toBeTruthy();
  });

  it('opens the comparison of a pair from the history', async () => {
    const requests = renderPage();
    const history = await screen.findByRole('list', { name: 'Version history' });
    await userEvent.click(within(history).getAllByRole('button', { name: 'compare with the version before' })[1]);
    expect(screen.getByTestId('search').textContent).toBe(`?from=${V1.version}&to=${V2.version}`);
    await screen.findByRole('region', { name: 'Breaking changes' });
    const last = requests.filter(({ url }) => url.pathname.endsWith('/diff')).at(-1)!.url;
    expect([last.searchParams.get('from'), last.searchParams.get('to')]).toEqual([V1.version, V2.version]);
  });

  it('still works when the plugin cannot say which versions broke anything', async () => {
    fakeApiDocs((url) => (url.pathname.endsWith('/versions') ? json({ items: [V2, V1] })
      : url.pathname.endsWith('/changes') ? json({ error: { name: 'NotFoundError', message: 'no such route' } }, 404)
        : url.pathname.endsWith('/diff') ? json({ ...DIFF, from: V1.version, to: V2.version })
          : json({ info: { version: '2.0.0' } })));
    render(
      <MemoryRouter initialEntries={['/api-docs/default/tasks']}>
        <Routes>
          <Route path="/api-docs/:namespace/:name" element={<ApiDocsPage />} />
        </Routes>
      </MemoryRouter>,
    );
    expect(await screen.findByRole('region', { name: 'Breaking changes' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Version history' })).toBeNull();
    expect(within(screen.getByLabelText('Version') as HTMLSelectElement).getAllByRole('option')[0].textContent).not.toContain('⚠');
  });
});
