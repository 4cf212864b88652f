import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { fakeFetch, json } from '../testing/fakeApi';
import { fakeShell } from '../testing/fakeShell';
import { RbacPage } from './RbacPage';

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

const ROLES = [
  { name: 'role:default/team-a', memberReferences: ['group:default/team-a'], metadata: { source: 'rest' } },
  { name: 'role:default/from-file', memberReferences: ['user:default/jdoe'], metadata: { source: 'csv-file' } },
  { name: 'role:default/rbac_admin', memberReferences: ['group:default/rbac-admins'], metadata: { source: 'configuration' } },
];
const POLICIES = [
  { entityReference: 'role:default/team-a', permission: 'catalog-entity', policy: 'read', effect: 'allow' },
  { entityReference: 'role:default/from-file', permission: 'catalog.location.create', policy: 'create', effect: 'deny' },
];
const PUBLISHED = [{ pluginId: 'catalog', policies: [
  { name: 'catalog.entity.read', policy: 'read', resourceType: 'catalog-entity' },
  { name: 'catalog.entity.delete', policy: 'delete', resourceType: 'catalog-entity' },
  { name: 'catalog.location.create', policy: 'create' },
] }];

/** The permission plugin as an RBAC administrator sees it; every change answered as RHDH does. */
function permissionPlugin() {
  return fakeFetch((url, init) => {
    const method = init.method ?? 'GET';
    if (method !== 'GET') return new Response(null, { status: method === 'POST' ? 201 : 204 });
    if (url.pathname === '/api/permission/roles') return json(ROLES);
    if (url.pathname === '/api/permission/policies') return json(POLICIES);
    if (url.pathname === '/api/permission/plugins/policies') return json(PUBLISHED);
    if (url.pathname === '/api/permission/roles/conditions') return json([]);
    if (url.pathname === '/api/permission/plugins/condition-rules') return json([]);
    return json({ error: { message: 'no such route' } }, 404);
  });
}

const changes = (requests: { url: URL; init: RequestInit }[]) =>
  requests.filter((r) => (r.init.method ?? 'GET') !== 'GET').map((r) => [r.init.method, r.url.pathname, JSON.parse(String(r.init.body ?? 'null'))]);

describe('the RBAC page', () => {
  it('lists roles with their members and policies; roles of the policy file and the configuration cannot be changed here', async () => {
    permissionPlugin();
    render(<MemoryRouter><RbacPage /></MemoryRouter>);
    const row = (await screen.findByText('role:default/team-a')).closest('tr')!;
    expect(within(row).getByText('group:default/team-a')).toBeTruthy();
    expect(within(row).getByText('catalog-entity read: allow')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit role:default/from-file' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Delete role:default/from-file' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Delete role:default/team-a' })).toHaveProperty('disabled', false);
    expect(screen.getByRole('button', { name: 'Edit role:default/rbac_admin' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Delete role:default/rbac_admin' })).toHaveProperty('disabled', true);
  });

  it('creates a role and its policies with the CSRF token, offering what plugins publish', async () => {
    document.cookie = 'XSRF-TOKEN=csrf-9';
    const requests = permissionPlugin();
    render(<MemoryRouter><RbacPage /></MemoryRouter>);
    await userEvent.click(await screen.findByRole('button', { name: 'Create role' }));
    await userEvent.type(screen.getByLabelText('Role name'), 'payments-readers');
    await userEvent.type(screen.getByLabelText('Members (user or group references, one per line)'), 'group:default/payments\nuser:default/jdoe');
    await userEvent.click(screen.getByRole('button', { name: 'Add policy' }));
    expect(document.querySelector('datalist option[value="catalog-entity"]')).not.toBeNull();
    await userEvent.type(screen.getByLabelText('Permission 1'), 'catalog-entity');
    await userEvent.type(screen.getByLabelText('Action 1'), 'read');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('button', { name: 'Create role' });

    expect(changes(requests)).toEqual([
      ['POST', '/api/permission/roles', { name: 'role:default/payments-readers', memberReferences: ['group:default/payments', 'user:default/jdoe'] }],
      ['POST', '/api/permission/policies', [{ entityReference: 'role:default/payments-readers', permission: 'catalog-entity', policy: 'read', effect: 'allow' }]],
    ]);
    const post = requests.find((r) => r.init.method === 'POST')!;
    expect(new Headers(post.init.headers).get('X-XSRF-TOKEN')).toBe('csrf-9');
  });

  it('edits a role and replaces its policies in one call each, then deletes it', async () => {
    const requests = permissionPlugin();
    render(<MemoryRouter><RbacPage /></MemoryRouter>);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit role:default/team-a' }));
    await userEvent.selectOptions(screen.getByLabelText('Effect 1'), 'deny');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Delete role:default/team-a' }));
    await vi.waitFor(() => expect(changes(requests)).toHaveLength(3));

    const oldPolicy = { entityReference: 'role:default/team-a', permission: 'catalog-entity', policy: 'read', effect: 'allow' };
    expect(changes(requests)).toEqual([
      ['PUT', '/api/permission/roles/role/default/team-a', {
        oldRole: ROLES[0],
        newRole: { name: 'role:default/team-a', memberReferences: ['group:default/team-a'] },
      }],
      ['PUT', '/api/permission/policies/role/default/team-a', { oldPolicy: [oldPolicy], newPolicy: [{ ...oldPolicy, effect: 'deny' }] }],
      ['DELETE', '/api/permission/roles/role/default/team-a', null],
    ]);
  });

  it('shows the refusal of a change and keeps the form', async () => {
    fakeFetch((_url, init) => (init.method === 'POST'
      ? json({ error: { name: 'InputError', message: "Invalid role definition. Cause: 'memberReferences[0]' must be a user or group reference" } }, 400)
      : json([])));
    render(<MemoryRouter><RbacPage /></MemoryRouter>);
    await userEvent.click(await screen.findByRole('button', { name: 'Create role' }));
    await userEvent.type(screen.getByLabelText('Role name'), 'x');
    await userEvent.type(screen.getByLabelText('Members (user or group references, one per line)'), 'nobody');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain("'memberReferences[0]' must be a user or group reference");
    expect(screen.getByLabelText('Role name')).toBeTruthy();
  });

  it('tells someone who is not an RBAC administrator so, with no controls', async () => {
    fakeFetch(() => json({ error: { name: 'NotAllowedError', message: 'RBAC administrators only' } }, 403));
    render(<MemoryRouter><RbacPage /></MemoryRouter>);
    expect((await screen.findByRole('alert')).textContent).toContain('Only RBAC administrators manage roles');
    expect(screen.queryByRole('button', { name: 'Create role' })).toBeNull();
  });
});

describe('the RBAC section in the sidebar', () => {
  it('shows to RBAC administrators and not to anyone else', async () => {
    for (const [status, shown] of [[200, true], [403, false]] as const) {
      fakeShell({ plugins: ['catalog', 'permission'] },
        (url) => (url.pathname === '/api/permission/roles' ? json(status === 200 ? [] : { error: { message: 'no' } }, status) : undefined));
      const { unmount } = render(<MemoryRouter initialEntries={['/catalog-import']}><App /></MemoryRouter>);
      const sidebar = screen.getByRole('navigation', { name: 'Sections' });
      await within(sidebar).findByRole('link', { name: 'Register' });
      await vi.waitFor(() => expect(within(sidebar).queryByRole('link', { name: 'RBAC' }) !== null).toBe(shown));
      unmount();
      vi.unstubAllGlobals();
    }
  });
});
