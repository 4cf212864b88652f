import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Entity } from '../api/catalog';
import { fakeFetch, json } from '../testing/fakeApi';
import { ApiListPage } from './ApiListPage';

afterEach(() => vi.unstubAllGlobals());

const api = (name: string, namespace = 'default'): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'API', metadata: { name, namespace }, spec: { type: 'openapi' } });

describe('the API list', () => {
  it("lists the catalog's APIs, each name opening its docs page", async () => {
    const requests = fakeFetch(() => json({ items: [api('payments-api'), api('ledger', 'finance')], totalItems: 2, pageInfo: {} }));
    render(<MemoryRouter><ApiListPage /></MemoryRouter>);
    expect((await screen.findByRole('link', { name: 'payments-api' })).getAttribute('href')).toBe('/api-docs/default/payments-api');
    expect(screen.getByRole('link', { name: 'finance/ledger' }).getAttribute('href')).toBe('/api-docs/finance/ledger');
    expect(requests[0].url.searchParams.get('filter')).toBe('kind=api');
  });
});
