import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../testing/fakeApi';
import { RbacPage } from './RbacPage';

afterEach(() => {
  vi.unstubAllGlobals();
});

const ROLES = [{ name: 'role:default/team-a', memberReferences: ['group:default/team-a'], metadata: { source: 'rest' } }];
const PUBLISHED = [{ pluginId: 'catalog', policies: [
  { name: 'catalog.entity.read', policy: 'read', resourceType: 'catalog-entity' },
  { name: 'catalog.entity.delete', policy: 'delete', resourceType: 'catalog-entity' },
  { name: 'catalog.location.create', policy: 'create' },
] }];
// As the catalog publishes them (Backstage's rules and their paramsSchema).
const RULES = [{ pluginId: 'catalog', rules: [
  { name: 'IS_ENTITY_OWNER', description: 'Allow entities owned by a specified claim', resourceType: 'catalog-entity',
    paramsSchema: { type: 'object', additionalProperties: false, required: ['claims'],
      properties: { claims: { type: 'array', items: { type: 'string' }, description: 'List of claims to match at least one on within ownedBy' } } } },
  { name: 'HAS_ANNOTATION', description: 'Allow entities with the specified annotation', resourceType: 'catalog-entity',
    paramsSchema: { type: 'object', additionalProperties: false, required: ['annotation'],
      properties: { annotation: { type: 'string', description: 'Name of the annotation to match on' }, value: { type: 'string' } } } },
  { name: 'IS_ENTITY_KIND', description: 'Allow entities matching a specified kind', resourceType: 'catalog-entity',
    paramsSchema: { type: 'object', required: ['kinds'], properties: { kinds: { type: 'array', items: { type: 'string' } } } } },
] }];
const STORED = {
  id: 7, result: 'CONDITIONAL', roleEntityRef: 'role:default/team-a', pluginId: 'catalog', resourceType: 'catalog-entity',
  permissionMapping: ['read'], conditions: { rule: 'IS_ENTITY_OWNER', resourceType: 'catalog-entity', params: { claims: ['$ownerRefs'] } },
};

/** The permission plugin as an RBAC administrator sees it, with `conditions` stored; `refuse` answers changes with a 400. */
function permissionPlugin(conditions: unknown[] = [], refuse?: string) {
  return fakeFetch((url, init) => {
    const method = init.method ?? 'GET';
    if (method !== 'GET') {
      if (refuse) return json({ error: { name: 'InputError', message: refuse } }, 400);
      return method === 'POST' ? json({ id: 8 }, 201) : new Response(null, { status: method === 'DELETE' ? 204 : 200 });
    }
    if (url.pathname === '/api/permission/roles') return json(ROLES);
    if (url.pathname === '/api/permission/policies') return json([]);
    if (url.pathname === '/api/permission/plugins/policies') return json(PUBLISHED);
    if (url.pathname === '/api/permission/plugins/condition-rules') return json(RULES);
    if (url.pathname === '/api/permission/roles/conditions') return json(conditions);
    return json({ error: { message: 'no such route' } }, 404);
  });
}

const changes = (requests: { url: URL; init: RequestInit }[]) =>
  requests.filter((r) => (r.init.method ?? 'GET') !== 'GET').map((r) => [r.init.method, r.url.pathname, JSON.parse(String(r.init.body ?? 'null'))]);

async function openConditions() {
  render(<MemoryRouter><RbacPage /></MemoryRouter>);
  await userEvent.click(await screen.findByRole('button', { name: 'Conditions of role:default/team-a' }));
}

describe('the conditional-policy editor', () => {
  it('builds a policy from a published rule, its params made from the paramsSchema, and the actions the plugin publishes', async () => {
    const requests = permissionPlugin();
    await openConditions();
    await userEvent.click(screen.getByRole('button', { name: 'Add conditional policy' }));
    const form = screen.getByRole('form', { name: 'Conditional policy' });
    await userEvent.selectOptions(within(form).getByLabelText('Rule 1'), 'catalog IS_ENTITY_OWNER');
    expect(within(form).getByText('Allow entities owned by a specified claim')).toBeTruthy();
    // The schema's array param is a list, one per line, required; its description is shown.
    await userEvent.type(within(form).getByLabelText('claims (required), one per line'), '$currentUser\ngroup:default/team-a');
    expect(within(form).getByText('List of claims to match at least one on within ownedBy')).toBeTruthy();
    // Only the catalog-entity actions the catalog publishes, not catalog.location.create's.
    expect(within(form).queryByLabelText('create')).toBeNull();
    await userEvent.click(within(form).getByLabelText('read'));
    await userEvent.click(within(form).getByLabelText('delete'));
    await userEvent.click(within(form).getByRole('button', { name: 'Save conditional policy' }));
    await screen.findByRole('button', { name: 'Add conditional policy' });

    expect(changes(requests)).toEqual([['POST', '/api/permission/roles/conditions', {
      result: 'CONDITIONAL', roleEntityRef: 'role:default/team-a', pluginId: 'catalog', resourceType: 'catalog-entity',
      permissionMapping: ['read', 'delete'],
      conditions: { rule: 'IS_ENTITY_OWNER', resourceType: 'catalog-entity', params: { claims: ['$currentUser', 'group:default/team-a'] } },
    }]]);
  });

  it('combines several conditions of the same resource type with any of or all of, leaving out empty optional params', async () => {
    const requests = permissionPlugin();
    await openConditions();
    await userEvent.click(screen.getByRole('button', { name: 'Add conditional policy' }));
    const form = screen.getByRole('form', { name: 'Conditional policy' });
    await userEvent.selectOptions(within(form).getByLabelText('Rule 1'), 'catalog IS_ENTITY_KIND');
    await userEvent.type(within(form).getByLabelText('kinds (required), one per line'), 'api, component');
    await userEvent.click(within(form).getByRole('button', { name: 'Add condition' }));
    await userEvent.selectOptions(within(form).getByLabelText('Rule 2'), 'catalog HAS_ANNOTATION');
    await userEvent.type(within(form).getByLabelText('annotation (required)'), 'backstage.io/techdocs-ref');
    await userEvent.selectOptions(within(form).getByLabelText('Combine'), 'allOf');
    await userEvent.click(within(form).getByLabelText('read'));
    await userEvent.click(within(form).getByRole('button', { name: 'Save conditional policy' }));
    await screen.findByRole('button', { name: 'Add conditional policy' });

    expect(changes(requests)[0][2].conditions).toEqual({ allOf: [
      { rule: 'IS_ENTITY_KIND', resourceType: 'catalog-entity', params: { kinds: ['api', 'component'] } },
      { rule: 'HAS_ANNOTATION', resourceType: 'catalog-entity', params: { annotation: 'backstage.io/techdocs-ref' } },
    ] });
  });

  it('sends nothing while a required param or an action is missing, naming what is missing', async () => {
    const requests = permissionPlugin();
    await openConditions();
    await userEvent.click(screen.getByRole('button', { name: 'Add conditional policy' }));
    const form = screen.getByRole('form', { name: 'Conditional policy' });
    await userEvent.selectOptions(within(form).getByLabelText('Rule 1'), 'catalog HAS_ANNOTATION');
    await userEvent.click(within(form).getByRole('button', { name: 'Save conditional policy' }));
    const alert = within(form).getByRole('alert');
    expect(alert.textContent).toContain("Condition 1 (HAS_ANNOTATION): 'annotation' is required");
    expect(alert.textContent).toContain('Pick at least one action');
    expect(changes(requests)).toEqual([]);
  });

  it('edits a stored policy in place and deletes one', async () => {
    const requests = permissionPlugin([STORED]);
    await openConditions();
    expect(screen.getByText(/IS_ENTITY_OWNER/).textContent).toContain('$ownerRefs');
    await userEvent.click(screen.getByRole('button', { name: 'Edit conditional policy 7' }));
    const form = screen.getByRole('form', { name: 'Conditional policy' });
    const claims = within(form).getByLabelText('claims (required), one per line');
    expect((claims as HTMLTextAreaElement).value).toBe('$ownerRefs');
    await userEvent.type(claims, '\ngroup:default/team-b');
    await userEvent.click(within(form).getByRole('button', { name: 'Save conditional policy' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Delete conditional policy 7' }));
    await vi.waitFor(() => expect(changes(requests)).toHaveLength(2));

    const { id: _id, ...stored } = STORED;
    expect(changes(requests)).toEqual([
      ['PUT', '/api/permission/roles/conditions/7', { ...stored,
        conditions: { ...STORED.conditions, params: { claims: ['$ownerRefs', 'group:default/team-b'] } } }],
      ['DELETE', '/api/permission/roles/conditions/7', null],
    ]);
  });

  it('leaves a nested tree to the REST API and shows the plugin refusing a policy', async () => {
    permissionPlugin([{ ...STORED, conditions: { not: STORED.conditions } }],
      "'conditions.params.claims' does not fit the paramsSchema of rule IS_ENTITY_OWNER");
    await openConditions();
    expect(screen.getByRole('button', { name: 'Edit conditional policy 7' })).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('button', { name: 'Add conditional policy' }));
    const form = screen.getByRole('form', { name: 'Conditional policy' });
    await userEvent.selectOptions(within(form).getByLabelText('Rule 1'), 'catalog IS_ENTITY_OWNER');
    await userEvent.type(within(form).getByLabelText('claims (required), one per line'), 'x');
    await userEvent.click(within(form).getByLabelText('read'));
    await userEvent.click(within(form).getByRole('button', { name: 'Save conditional policy' }));
    expect((await screen.findByText(/does not fit the paramsSchema/)).textContent).toContain('IS_ENTITY_OWNER');
  });
});
