import { Entity } from '../api/catalog';
import { ExternalLink, useLinkTarget } from '../common/ExternalLink';
import { EntityRefLink } from './EntityRefLink';

const SOURCE_LOCATION = 'backstage.io/source-location';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

function spec(entity: Entity, key: string): string | undefined {
  const value = entity.spec?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** `url:https://…` and `file:/…` locations: the part after the type, linked when it is an address links may have. */
function Location({ value }: { value: string }) {
  const target = value.replace(/^(url|file):/, '');
  const href = useLinkTarget(target);
  return href ? <a href={href}>{target}</a> : <code>{target}</code>;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children ?? <span className="muted">none</span>}</dd>
    </>
  );
}

export function AboutCard({ entity }: { entity: Entity }) {
  const { metadata } = entity;
  const owner = spec(entity, 'owner');
  const system = spec(entity, 'system');
  const annotations = metadata.annotations ?? {};
  const source = annotations[SOURCE_LOCATION] ?? annotations[MANAGED_BY_LOCATION];
  return (
    <section className="card" aria-labelledby="about-heading">
      <h2 id="about-heading">About</h2>
      <p className="description">{metadata.description ?? <span className="muted">No description.</span>}</p>
      <dl className="about">
        <Row label="Owner">{owner && <EntityRefLink entityRef={owner} defaultKind="group" />}</Row>
        <Row label="System">{system && <EntityRefLink entityRef={system} defaultKind="system" />}</Row>
        <Row label="Type">{spec(entity, 'type')}</Row>
        <Row label="Lifecycle">{spec(entity, 'lifecycle')}</Row>
        <Row label="Tags">
          {metadata.tags?.length ? (
            <ul className="tags">
              {metadata.tags.map((tag) => (
                <li key={tag}>{tag}</li>
              ))}
            </ul>
          ) : undefined}
        </Row>
        <Row label="Links">
          {metadata.links?.length ? (
            <ul className="links">
              {metadata.links.map((link) => (
                <li key={link.url}>
                  <ExternalLink url={link.url}>{link.title ?? link.url}</ExternalLink>
                </li>
              ))}
            </ul>
          ) : undefined}
        </Row>
        <Row label={annotations[SOURCE_LOCATION] ? 'Source' : 'Defined in'}>{source && <Location value={source} />}</Row>
      </dl>
    </section>
  );
}
