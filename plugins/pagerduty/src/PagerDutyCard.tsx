import { Async, Entity, ErrorPanel, ExternalLink, useAsync, useIdentity } from '@backlot/ui-plugin-api';
import { FormEvent, useState } from 'react';
import { createIncident, fetchOnCalls, fetchOpenIncidents, fetchService, fetchServiceByIntegrationKey, Incident, OnCall, Service } from './pagerDuty';

export const SERVICE_ID = 'pagerduty.com/service-id';
export const INTEGRATION_KEY = 'pagerduty.com/integration-key';

interface Overview {
  service: Service;
  onCalls: OnCall[];
  incidents: Incident[];
}

/** The service by its id when the entity names it, else by the entity's integration key (Backstage's annotations). */
async function loadOverview(serviceId: string, integrationKey: string): Promise<Overview> {
  const service = serviceId ? await fetchService(serviceId) : await fetchServiceByIntegrationKey(integrationKey);
  const [incidents, onCalls] = await Promise.all([fetchOpenIncidents(service.id), fetchOnCalls(service.escalation_policy.id)]);
  return { service, incidents, onCalls };
}

/** The entity's PagerDuty service: who is on call now, its open incidents, and a way to raise one. */
export function PagerDutyCard({ entity }: { entity: Entity }) {
  const serviceId = entity.metadata.annotations?.[SERVICE_ID]?.trim() ?? '';
  const integrationKey = entity.metadata.annotations?.[INTEGRATION_KEY]?.trim() ?? '';
  const [reload, setReload] = useState(0);
  const overview = useAsync(() => loadOverview(serviceId, integrationKey), [serviceId, integrationKey, reload]);
  return (
    <section aria-labelledby="pagerduty-title">
      <h2 id="pagerduty-title">PagerDuty</h2>
      <Async state={overview} what="the PagerDuty service">
        {({ service, onCalls, incidents }) => (
          <>
            <p>
              <ExternalLink url={service.html_url ?? ''}>{service.name}</ExternalLink> · {service.status}
            </p>
            <h3>On call now</h3>
            {onCalls.length === 0 ? (
              <p className="muted">Nobody is on call for {service.escalation_policy.summary}.</p>
            ) : (
              <ul>
                {onCalls.map((onCall) => (
                  <li key={`${onCall.escalation_level}:${onCall.user.id}`}>
                    <ExternalLink url={onCall.user.html_url ?? ''}>{onCall.user.summary}</ExternalLink> (level {onCall.escalation_level}
                    {onCall.schedule ? `, ${onCall.schedule.summary}` : ''})
                  </li>
                ))}
              </ul>
            )}
            <h3>Open incidents</h3>
            {incidents.length === 0 ? (
              <p className="muted">No open incidents.</p>
            ) : (
              <ul>
                {incidents.map((incident) => (
                  <li key={incident.id}>
                    <ExternalLink url={incident.html_url ?? ''}>
                      #{incident.incident_number} {incident.title}
                    </ExternalLink>{' '}
                    ({incident.status}, {incident.urgency} urgency)
                  </li>
                ))}
              </ul>
            )}
            <CreateIncident serviceId={service.id} onCreated={() => setReload(reload + 1)} />
          </>
        )}
      </Async>
    </section>
  );
}

function CreateIncident({ serviceId, onCreated }: { serviceId: string; onCreated: () => void }) {
  const identity = useIdentity();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [details, setDetails] = useState('');
  const [error, setError] = useState<Error>();
  const [sending, setSending] = useState(false);
  const email = identity.status === 'done' ? identity.value.email : undefined;
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} disabled={!email} title={email ? undefined : 'Your email is needed to raise an incident'}>
        Create incident
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email || !title.trim()) return;
    setSending(true);
    setError(undefined);
    try {
      await createIncident(serviceId, email, title.trim(), details.trim());
      setOpen(false);
      setTitle('');
      setDetails('');
      onCreated();
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setSending(false);
    }
  };
  return (
    <form onSubmit={submit} aria-label="Create incident">
      <label>
        Title
        <input value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={255} />
      </label>
      <label>
        Details
        <textarea value={details} onChange={(event) => setDetails(event.target.value)} maxLength={10000} />
      </label>
      {error && <ErrorPanel title="PagerDuty did not create the incident" error={error} />}
      <button type="submit" disabled={sending}>
        Raise incident as {email}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
