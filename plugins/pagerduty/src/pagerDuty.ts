import { fetchJson } from '@backlot/ui-plugin-api';

/**
 * PagerDuty's REST API v2, through the proxy's `/pagerduty` endpoint (docs/proxy.md), which adds
 * the API token from Secret Manager: the browser never holds it. Only the fields the card reads.
 */
export const PROXY = '/api/proxy/pagerduty';

interface Reference {
  id: string;
  summary: string;
  html_url?: string;
}

export interface Service extends Reference {
  name: string;
  status: string;
  escalation_policy: Reference;
  /** With `include[]=integrations`: each integration, an Events API one with its `integration_key`. */
  integrations?: { id: string; integration_key?: string }[];
}

export interface OnCall {
  escalation_level: number;
  user: Reference;
  schedule: Reference | null;
}

export interface Incident {
  id: string;
  incident_number: number;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  created_at: string;
  html_url?: string;
}

const path = (id: string) => encodeURIComponent(id);

export async function fetchService(serviceId: string): Promise<Service> {
  return (await fetchJson<{ service: Service }>(`${PROXY}/services/${path(serviceId)}`)).service;
}

/**
 * The service an Events API integration key routes to, found as Backstage's PagerDuty plugin finds
 * it (`GET /services?include[]=integrations&query=<key>`), but only a service that really has an
 * integration with that key: PagerDuty's `query` matches names too, so the first answer alone
 * could be another service.
 */
export async function fetchServiceByIntegrationKey(integrationKey: string): Promise<Service> {
  const query = new URLSearchParams([['time_zone', 'UTC'], ['include[]', 'integrations'], ['include[]', 'escalation_policies'],
    ['query', integrationKey]]);
  const { services } = await fetchJson<{ services: Service[] }>(`${PROXY}/services?${query}`);
  const service = services.find((candidate) => candidate.integrations?.some((integration) => integration.integration_key === integrationKey));
  if (!service) {
    throw new Error("No PagerDuty service has this entity's integration key (pagerduty.com/integration-key)");
  }
  return service;
}

/** Who is on call now for the policy, lowest escalation level first. */
export async function fetchOnCalls(policyId: string): Promise<OnCall[]> {
  const query = new URLSearchParams([['escalation_policy_ids[]', policyId], ['earliest', 'true']]);
  const { oncalls } = await fetchJson<{ oncalls: OnCall[] }>(`${PROXY}/oncalls?${query}`);
  return [...oncalls].sort((a, b) => a.escalation_level - b.escalation_level);
}

/** The service's open incidents (triggered or acknowledged), newest first as PagerDuty sorts them. */
export async function fetchOpenIncidents(serviceId: string): Promise<Incident[]> {
  const query = new URLSearchParams([['service_ids[]', serviceId], ['statuses[]', 'triggered'], ['statuses[]', 'acknowledged'],
    ['sort_by', 'created_at:desc'], ['limit', '10']]);
  return (await fetchJson<{ incidents: Incident[] }>(`${PROXY}/incidents?${query}`)).incidents;
}

/**
 * Creates an incident on the service as the signed-in person: PagerDuty requires their email as
 * `From` (the proxy endpoint lists it in allowedHeaders).
 */
export async function createIncident(serviceId: string, from: string, title: string, details: string): Promise<Incident> {
  const body = {
    incident: {
      type: 'incident',
      title,
      service: { id: serviceId, type: 'service_reference' },
      ...(details ? { body: { type: 'incident_body', details } } : {}),
    },
  };
  const answer = await fetchJson<{ incident: Incident }>(`${PROXY}/incidents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', From: from },
    body: JSON.stringify(body),
  });
  return answer.incident;
}
