import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiVersion } from '../api/apiDocs';
import { json } from '../testing/fakeApi';
import { CLEAN, fakeApiDocs } from './fakeApiDocs';
import { ApiDocsPage } from './ApiDocsPage';

// Swagger UI itself is not rendered under jsdom: a stand-in shows which definition it was given.
vi.mock('./SwaggerDefinition', () => ({
  default: ({ spec }: { spec: { info: { version: string } } }) => <p>Swagger UI for version {spec.info.version}</p>,
}));

afterEach(() => vi.unstubAllGlobals());

function version(hash: string, apiVersion: string, format = 'openapi'): ApiVersion {
  return { entityRef: 'api:default/payments-api', version: hash, format, apiVersion, valid: true, errorCount: 0, warningCount: 0, submittedAt: '2026-11-30T10:00:00Z' };
}

const V2 = version('b'.repeat(64), '2.0.0');
const V1 = version('a'.repeat(64), '1.0.0');
const DIFF = {
  breaking: true, result: 'incompatible', from: V1.version, to: V2.version, summary: '',
  changes: [
    { kind: 'endpoint-removed', method: 'DELETE', path: '/payments/{id}', breaking: true, details: [] },
    { kind: 'endpoint-added', method: 'GET', path: '/refunds', breaking: false, details: [] },
  ],
};

function CurrentSearch() {
  return <output data-testid="search">{useLocation().search}</output>;
}

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/api-docs/:namespace/:name" element={<><ApiDocsPage /><CurrentSearch /></>} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('an API page', () => {
  it('shows the latest version, switches versions through the URL, and reports breaking changes', async () => {
    const requests = fakeApiDocs((url) => {
      if (url.pathname.endsWith('/versions')) return json({ items: [V2, V1] });
      if (url.pathname.endsWith('/diff')) return json(DIFF);
      if (url.pathname.endsWith('/changes')) return json({ items: [] });
      const hash = url.pathname.split('/versions/')[1].split('/')[0];
      return json({ openapi: '3.0.3', info: { title: 'Payments', version: hash === V1.version ? '1.0.0' : '2.0.0' } });
    });
    renderAt('/api-docs/default/payments-api');

    expect(await screen.findByText('Swagger UI for version 2.0.0')).toBeTruthy();
    const report = await screen.findByRole('region', { name: 'Breaking changes' });
    expect(within(report).getByText('DELETE /payments/{id}')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Non-breaking changes' })).getByText('GET /refunds')).toBeTruthy();
    const diff = requests.find(({ url }) => url.pathname.endsWith('/diff'))!.url;
    expect([diff.searchParams.get('from'), diff.searchParams.get('to')]).toEqual([V1.version, V2.version]);

    await userEvent.selectOptions(screen.getByLabelText('Version'), V1.version);
    expect(await screen.findByText('Swagger UI for version 1.0.0')).toBeTruthy();
    expect(screen.getByTestId('search').textContent).toBe(`?version=${V1.version}`);
    expect(requests.some(({ url }) => url.pathname.endsWith(`/versions/${V1.version}/definition`) && url.searchParams.get('as') === 'json')).toBe(true);
  });

  it('opens at the version a link names', async () => {
    fakeApiDocs((url) => (url.pathname.endsWith('/versions') ? json({ items: [V2, V1] }) : url.pathname.endsWith('/diff') ? json(DIFF)
      : url.pathname.endsWith('/changes') ? json({ items: [] })
        : json({ info: { version: url.pathname.includes(V1.version) ? '1.0.0' : '2.0.0' } })));
    renderAt(`/api-docs/default/payments-api?version=${V1.version}`);
    expect(await screen.findByText('Swagger UI for version 1.0.0')).toBeTruthy();
    expect((screen.getByLabelText('Version') as HTMLSelectElement).value).toBe(V1.version);
  });

  it('shows GraphQL as the text stored, and compares its versions too', async () => {
    const schema = 'type Query { payments: [Payment] }';
    const [newer, older] = [version('c'.repeat(64), '1', 'graphql'), version('d'.repeat(64), '0', 'graphql')];
    const requests = fakeApiDocs((url) => (url.pathname.endsWith('/versions') ? json({ items: [newer, older] })
      : url.pathname.endsWith('/changes') ? json({ items: [{ from: older.version, to: newer.version, compared: true, breaking: false, breakingCount: 0, changeCount: 1 }] })
        : url.pathname.endsWith('/diff') ? json({ breaking: false, result: 'compatible', format: 'graphql', from: older.version, to: newer.version, summary: '',
          changes: [{ kind: 'type-changed', method: 'OBJECT', path: 'Payment', subject: 'object Payment', breaking: false, details: [],
            findings: [{ rule: 'graphql-field-added', breaking: false, at: 'refunded', message: 'The new API adds a field' }] }] })
          : new Response(schema, { status: 200, headers: { 'Content-Type': 'application/graphql' } })));
    renderAt('/api-docs/default/graph');
    expect((await screen.findByLabelText('graphql definition')).textContent).toBe(schema);
    expect(requests.find(({ url }) => url.pathname.endsWith(`/versions/${newer.version}/definition`))!.url.searchParams.get('as')).toBe('raw');
    const group = await screen.findByRole('list', { name: 'Rules that fired in object Payment' });
    expect(group.textContent).toContain('graphql-field-added refunded: The new API adds a field');
  });

  it('shows the validation report, open when there are findings and collapsed when clean', async () => {
    const WARNED = { ...V2, warningCount: 1 };
    fakeApiDocs((url) => (url.pathname.endsWith('/versions') ? json({ items: [WARNED, V1] }) : url.pathname.endsWith('/diff') ? json(DIFF)
      : json({ info: { version: '2.0.0' } })), (url) => (url.pathname.endsWith(V1.version) ? CLEAN : {
      valid: true, errorCount: 0, warningCount: 1, errors: [],
      warnings: [{ message: 'attribute x-oai-meta is reserved by The OpenAPI Initiative', location: 'paths./a.get.x-oai-meta' }],
    }));
    renderAt('/api-docs/default/payments-api');
    const report = await screen.findByRole('region', { name: 'Validation report' });
    expect(await within(report).findByText('Validation: 0 errors, 1 warning')).toBeTruthy();
    expect(report.querySelector('details')!.open).toBe(true);
    expect(within(report).getByRole('list', { name: 'Warnings' }).textContent).toContain('paths./a.get.x-oai-meta');

    await userEvent.selectOptions(screen.getByLabelText('Version'), V1.version);
    expect(await within(report).findByText('Valid: no errors or warnings')).toBeTruthy();
    expect(report.querySelector('details')!.open).toBe(false);
  });

  it("lists a stored version's errors with their locations", async () => {
    const INVALID = { ...V2, valid: false, errorCount: 201 };
    fakeApiDocs((url) => (url.pathname.endsWith('/versions') ? json({ items: [INVALID] }) : json({ info: { version: '2.0.0' } })), () => ({
      valid: false, errorCount: 201, warningCount: 0, warnings: [],
      errors: [{ message: "required property 'version' not found", location: 'info.version' }],
    }));
    renderAt('/api-docs/default/payments-api');
    const errors = await screen.findByRole('list', { name: 'Errors' });
    expect(errors.textContent).toBe("info.version required property 'version' not found");
    expect(screen.getByText('200 more not listed')).toBeTruthy();
  });

  it('says when no definition is stored yet', async () => {
    fakeApiDocs(() => json({ error: { name: 'NotFoundError', message: 'No definition stored for api:default/nope' } }, 404));
    renderAt('/api-docs/default/nope');
    expect((await screen.findByRole('alert')).textContent).toContain('No definition of api:default/nope is stored yet');
  });

  it('shows why two versions cannot be compared', async () => {
    fakeApiDocs((url) => (url.pathname.endsWith('/versions') ? json({ items: [V2, V1] })
      : url.pathname.endsWith('/diff') ? json({ error: { name: 'InputError', message: 'The versions cannot be compared: bad ref' } }, 422)
        : json({ info: { version: '2.0.0' } })));
    renderAt('/api-docs/default/payments-api');
    expect((await screen.findByRole('alert')).textContent).toContain('The versions cannot be compared: bad ref');
  });
});
