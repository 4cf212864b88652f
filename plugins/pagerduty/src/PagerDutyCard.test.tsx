import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
// The shell's own test helpers and identity provider: the plugin runs on them (docs/ui-plugins.md).
import { IdentityProvider } from '../../../frontend-shell/web/src/frame/IdentityContext';
import { fakeFetch, json } from '../../../frontend-shell/web/src/testing/fakeApi';
import { component } from '../../../frontend-shell/web/src/testing/fakeCatalog';
import plugin from './index';
import { PagerDutyCard } from './PagerDutyCard';
// PagerDuty REST API v2 answers: the example responses of its API reference (recorded/README.md says which).
import created from './recorded/incident-created.json';
import incidents from './recorded/incidents.json';
import oncalls from './recorded/oncalls.json';
import service from './recorded/service.json';
import servicesByKey from './recorded/services-by-integration-key.json';

afterEach(() => vi.unstubAllGlobals());

const KEY = '8c742e4a2bd54f0e8d0c5ef1a2b3c4d5';
const byId = component('checkout-service', { annotations: { 'pagerduty.com/service-id': 'PIJ90N7' } });
const byKey = component('checkout-service', { annotations: { 'pagerduty.com/integration-key': KEY } });
const GRACE = { userRef: 'user:default/grace.hopper', ownershipRefs: [], email: 'grace.hopper@acme.example' };
/** The reference's one on-call entry (level 2), and a level-1 entry made from it: the card lists levels in order. */
const firstLevel = { ...oncalls.oncalls[0], escalation_level: 1, schedule: null, user: { ...oncalls.oncalls[0].user, id: 'PXPGF42', summary: 'Ada Lovelace' } };

/** PagerDuty behind the proxy: `open` are the incidents it answers with, `extra` answers first. */
function pagerDuty(open: unknown[] = incidents.incidents, extra: (url: URL, init: RequestInit) => Response | undefined = () => undefined) {
  return fakeFetch((url, init) => {
    const answer = extra(url, init);
    if (answer) return answer;
    if (url.pathname === '/api/whoami') return json(GRACE);
    if (url.pathname === '/api/proxy/pagerduty/services/PIJ90N7') return json(service);
    if (url.pathname === '/api/proxy/pagerduty/services') return json(servicesByKey);
    if (url.pathname === '/api/proxy/pagerduty/oncalls') return json({ ...oncalls, oncalls: [...oncalls.oncalls, firstLevel] });
    if (url.pathname === '/api/proxy/pagerduty/incidents') return json({ ...incidents, incidents: open });
    return json({ error: { name: 'NotFoundError', message: `no ${url.pathname}` } }, 404);
  });
}

const renderCard = (entity = byId) => render(<IdentityProvider><PagerDutyCard entity={entity} /></IdentityProvider>);

describe('the PagerDuty card', () => {
  it('is shown only on entities that name their PagerDuty service or an integration key', () => {
    const card = plugin.entityCards![0];
    expect(card.if(byId)).toBe(true);
    expect(card.if(byKey)).toBe(true);
    expect(card.if(component('ledger'))).toBe(false);
    expect(card.if(component('blank', { annotations: { 'pagerduty.com/service-id': ' ', 'pagerduty.com/integration-key': '' } }))).toBe(false);
  });

  it('shows the service, who is on call now by escalation level, and the open incidents, all through the proxy', async () => {
    const requests = pagerDuty();
    renderCard();
    expect((await screen.findByRole('link', { name: 'My Application Service' })).getAttribute('href')).toBe('https://subdomain.pagerduty.com/service-directory/PIJ90N7');
    const onCall = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(onCall.slice(0, 2)).toEqual(['Ada Lovelace (level 1)', 'Tim Wright (level 2, Daily Engineering Rotation)']);
    expect(screen.getByRole('link', { name: '#1234 The server is on fire.' }).getAttribute('href')).toBe('https://subdomain.pagerduty.com/incidents/PT4KHLK');
    expect(screen.getByText(/resolved, high urgency/)).toBeTruthy();
    const paths = requests.map((request) => request.url.pathname + request.url.search);
    expect(paths).toContain('/api/proxy/pagerduty/oncalls?escalation_policy_ids%5B%5D=PT20YPA&earliest=true');
    expect(paths).toContain('/api/proxy/pagerduty/incidents?service_ids%5B%5D=PIJ90N7&statuses%5B%5D=triggered&statuses%5B%5D=acknowledged&sort_by=created_at%3Adesc&limit=10');
    expect(requests.every((request) => !request.url.pathname.startsWith('/api/proxy/') || request.url.pathname.startsWith('/api/proxy/pagerduty/'))).toBe(true);
  });

  it('finds the service by the entity\'s integration key as Backstage\'s plugin does, then reads it by its id', async () => {
    const requests = pagerDuty();
    renderCard(byKey);
    await screen.findByRole('link', { name: 'My Application Service' });
    const lookup = requests.find((request) => request.url.pathname === '/api/proxy/pagerduty/services')!;
    expect(lookup.url.searchParams.get('query')).toBe(KEY);
    expect(lookup.url.searchParams.getAll('include[]')).toEqual(['integrations', 'escalation_policies']);
    expect(requests.some((request) => request.url.pathname === '/api/proxy/pagerduty/incidents' && request.url.searchParams.get('service_ids[]') === 'PIJ90N7')).toBe(true);
  });

  it('shows no service whose name merely matches the key: only one with an integration of that key', async () => {
    const other = { ...servicesByKey.services[0], id: 'PNAME01', name: `Named ${KEY}`, integrations: [] };
    pagerDuty(incidents.incidents, (url) => (url.pathname === '/api/proxy/pagerduty/services' ? json({ ...servicesByKey, services: [other] }) : undefined));
    renderCard(byKey);
    expect((await screen.findByRole('alert')).textContent).toContain("No PagerDuty service has this entity's integration key");
    expect(screen.queryByText(/Named/)).toBeNull();
  });

  it('raises an incident on the service as the signed-in person, then lists it', async () => {
    let sent: { init: RequestInit } | undefined;
    const raised = { ...created.incident, id: 'NEW', incident_number: 1235, title: 'Payments fail', status: 'triggered' };
    pagerDuty(incidents.incidents, (url, init) => {
      if (url.pathname === '/api/proxy/pagerduty/incidents' && init.method === 'POST') {
        sent = { init };
        return json({ incident: raised }, 201);
      }
      if (url.pathname === '/api/proxy/pagerduty/incidents' && sent) return json({ ...incidents, incidents: [raised, ...incidents.incidents] });
      return undefined;
    });
    renderCard();
    await userEvent.click(await screen.findByRole('button', { name: 'Create incident' }));
    const form = screen.getByRole('form', { name: 'Create incident' });
    await userEvent.type(within(form).getByLabelText('Title'), 'Payments fail');
    await userEvent.type(within(form).getByLabelText('Details'), 'Every card is declined');
    await userEvent.click(within(form).getByRole('button', { name: 'Raise incident as grace.hopper@acme.example' }));
    expect(await screen.findByRole('link', { name: '#1235 Payments fail' })).toBeTruthy();
    const headers = new Headers(sent!.init.headers);
    expect(headers.get('From')).toBe('grace.hopper@acme.example');
    expect(JSON.parse(String(sent!.init.body))).toEqual({
      incident: { type: 'incident', title: 'Payments fail', service: { id: 'PIJ90N7', type: 'service_reference' },
        body: { type: 'incident_body', details: 'Every card is declined' } },
    });
  });

  it('says what went wrong in its own place when PagerDuty or the proxy refuses', async () => {
    pagerDuty(incidents.incidents, (url) =>
      url.pathname === '/api/proxy/pagerduty/services/PIJ90N7' ? json({ error: { name: 'Error', message: 'PagerDuty answered 401' } }, 502) : undefined);
    renderCard();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the PagerDuty service');
    expect(alert.textContent).toContain('PagerDuty answered 401');
  });

  it('makes no link of a PagerDuty URL that is a script', async () => {
    pagerDuty([{ ...incidents.incidents[0], html_url: 'javascript:alert(1)' }]);
    renderCard();
    await screen.findByRole('link', { name: 'My Application Service' });
    expect(screen.queryByRole('link', { name: /#1234/ })).toBeNull();
    expect(screen.getByText('#1234 The server is on fire.')).toBeTruthy();
  });
});
