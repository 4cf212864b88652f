import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
// The shell's own test helpers and identity provider: the plugin runs on them (docs/ui-plugins.md).
import { IdentityProvider } from '../../../frontend-shell/web/src/frame/IdentityContext';
import { fakeFetch, json } from '../../../frontend-shell/web/src/testing/fakeApi';
import { component } from '../../../frontend-shell/web/src/testing/fakeCatalog';
import plugin from './index';
import { PagerDutyCard } from './PagerDutyCard';
// PagerDuty REST API v2 answers in the shapes of its API reference (services, oncalls, incidents).
import incidents from './recorded/incidents.json';
import oncalls from './recorded/oncalls.json';
import service from './recorded/service.json';

afterEach(() => vi.unstubAllGlobals());

const checkout = component('checkout-service', { annotations: { 'pagerduty.com/service-id': 'PIJ90N7' } });
const GRACE = { userRef: 'user:default/grace.hopper', ownershipRefs: [], email: 'grace.hopper@acme.example' };

/** PagerDuty behind the proxy: `open` are the open incidents it answers with, `extra` answers first. */
function pagerDuty(open: unknown[] = incidents.incidents, extra: (url: URL, init: RequestInit) => Response | undefined = () => undefined) {
  return fakeFetch((url, init) => {
    const answer = extra(url, init);
    if (answer) return answer;
    if (url.pathname === '/api/whoami') return json(GRACE);
    if (url.pathname === '/api/proxy/pagerduty/services/PIJ90N7') return json(service);
    if (url.pathname === '/api/proxy/pagerduty/oncalls') return json(oncalls);
    if (url.pathname === '/api/proxy/pagerduty/incidents') return json({ ...incidents, incidents: open });
    return json({ error: { name: 'NotFoundError', message: `no ${url.pathname}` } }, 404);
  });
}

const renderCard = () => render(<IdentityProvider><PagerDutyCard entity={checkout} /></IdentityProvider>);

describe('the PagerDuty card', () => {
  it('is shown only on entities that name their PagerDuty service', () => {
    const card = plugin.entityCards![0];
    expect(card.if(checkout)).toBe(true);
    expect(card.if(component('ledger'))).toBe(false);
    expect(card.if(component('blank', { annotations: { 'pagerduty.com/service-id': ' ' } }))).toBe(false);
  });

  it('shows the service, who is on call now by escalation level, and the open incidents, all through the proxy', async () => {
    const requests = pagerDuty();
    renderCard();
    expect((await screen.findByRole('link', { name: 'Checkout' })).getAttribute('href')).toBe('https://acme.pagerduty.com/service-directory/PIJ90N7');
    const onCall = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(onCall.slice(0, 2)).toEqual(['Grace Hopper (level 1, Payments primary)', 'Ada Lovelace (level 2)']);
    expect(screen.getByRole('link', { name: '#1234 Checkout p99 above 2 s' }).getAttribute('href')).toBe('https://acme.pagerduty.com/incidents/Q2RQ5PNNM3H4KA');
    expect(screen.getByText(/acknowledged, high urgency/)).toBeTruthy();
    const paths = requests.map((request) => request.url.pathname + request.url.search);
    expect(paths).toContain('/api/proxy/pagerduty/oncalls?escalation_policy_ids%5B%5D=PT20YPA&earliest=true');
    expect(paths).toContain('/api/proxy/pagerduty/incidents?service_ids%5B%5D=PIJ90N7&statuses%5B%5D=triggered&statuses%5B%5D=acknowledged&sort_by=created_at%3Adesc&limit=10');
    expect(requests.every((request) => !request.url.pathname.startsWith('/api/proxy/') || request.url.pathname.startsWith('/api/proxy/pagerduty/'))).toBe(true);
  });

  it('raises an incident on the service as the signed-in person, then lists it', async () => {
    let created: { init: RequestInit } | undefined;
    const raised = { ...incidents.incidents[0], id: 'NEW', incident_number: 1235, title: 'Payments fail', status: 'triggered' };
    pagerDuty(incidents.incidents, (url, init) => {
      if (url.pathname === '/api/proxy/pagerduty/incidents' && init.method === 'POST') {
        created = { init };
        return json({ incident: raised }, 201);
      }
      if (url.pathname === '/api/proxy/pagerduty/incidents' && created) return json({ ...incidents, incidents: [raised, ...incidents.incidents] });
      return undefined;
    });
    renderCard();
    await userEvent.click(await screen.findByRole('button', { name: 'Create incident' }));
    const form = screen.getByRole('form', { name: 'Create incident' });
    await userEvent.type(within(form).getByLabelText('Title'), 'Payments fail');
    await userEvent.type(within(form).getByLabelText('Details'), 'Every card is declined');
    await userEvent.click(within(form).getByRole('button', { name: 'Raise incident as grace.hopper@acme.example' }));
    expect(await screen.findByRole('link', { name: '#1235 Payments fail' })).toBeTruthy();
    const headers = new Headers(created!.init.headers);
    expect(headers.get('From')).toBe('grace.hopper@acme.example');
    expect(JSON.parse(String(created!.init.body))).toEqual({
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
    await screen.findByRole('link', { name: 'Checkout' });
    expect(screen.queryByRole('link', { name: /#1234/ })).toBeNull();
    expect(screen.getByText('#1234 Checkout p99 above 2 s')).toBeTruthy();
  });
});
