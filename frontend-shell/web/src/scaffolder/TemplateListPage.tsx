import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Entity, queryEntities } from '../api/catalog';
import { parseEntityRef, shortRef } from '../api/entityRef';
import { Async } from '../common/Async';
import { useAsync } from '../common/useAsync';
import { useMayCreateTasks } from './useMayCreateTasks';
import './scaffolder.css';

/** Templates read for the page, in pages of the catalog's size; a catalog with more is cut here and says so. */
export const MAX_TEMPLATES = 1_000;

async function allTemplates(): Promise<{ templates: Entity[]; more: boolean }> {
  const templates: Entity[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryEntities({ kind: 'Template' }, cursor);
    templates.push(...page.items);
    cursor = page.pageInfo.nextCursor;
  } while (cursor && templates.length < MAX_TEMPLATES);
  return { templates, more: Boolean(cursor) };
}

const text = (entity: Entity) => [entity.metadata.name, entity.metadata.title, entity.metadata.description, ...(entity.metadata.tags ?? [])].join(' ').toLowerCase();

/** "Create": the catalog's templates as cards, filtered by words and a tag. */
export function TemplateListPage() {
  const state = useAsync(allTemplates, []);
  const mayCreate = useMayCreateTasks();
  const [words, setWords] = useState('');
  const [tag, setTag] = useState('');
  const tags = useMemo(
    () => (state.status === 'done' ? [...new Set(state.value.templates.flatMap((t) => t.metadata.tags ?? []))].sort() : []),
    [state],
  );
  return (
    <section>
      <div className="title-row">
        <h1>Create a new component</h1>
        <Link to="/create/edit" className="header-link">Template editor</Link>
      </div>
      {mayCreate === false && (
        <p className="muted" role="status">You may browse the templates, but not run them: you do not have the scaffolder.task.create permission.</p>
      )}
      <div className="filter-bar">
        <div className="field search">
          <label htmlFor="template-search">Search templates</label>
          <input id="template-search" type="search" value={words} onChange={(event) => setWords(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="template-tag">Tag</label>
          <select id="template-tag" value={tag} onChange={(event) => setTag(event.target.value)}>
            <option value="">All</option>
            {tags.map((one) => <option key={one}>{one}</option>)}
          </select>
        </div>
      </div>
      <Async state={state} what="the templates">
        {({ templates, more }) => {
          const wanted = words.trim().toLowerCase().split(/\s+/).filter(Boolean);
          const shown = templates.filter((t) => (!tag || (t.metadata.tags ?? []).includes(tag)) && wanted.every((word) => text(t).includes(word)));
          return (
            <>
              {more && <p className="muted">The first {templates.length} templates are shown.</p>}
              {shown.length === 0 && <p>No templates match.</p>}
              <ul className="cards plain-list template-cards">
                {shown.map((template) => <TemplateCard key={template.metadata.uid ?? template.metadata.name} template={template} mayCreate={mayCreate !== false} />)}
              </ul>
            </>
          );
        }}
      </Async>
    </section>
  );
}

function TemplateCard({ template, mayCreate }: { template: Entity; mayCreate: boolean }) {
  const { metadata } = template;
  const namespace = metadata.namespace ?? 'default';
  const owner = typeof template.spec?.owner === 'string' ? template.spec.owner : undefined;
  const type = typeof template.spec?.type === 'string' ? template.spec.type : undefined;
  const title = metadata.title ?? metadata.name;
  return (
    <li className="card template-card">
      {type && <p className="eyebrow">{type}</p>}
      <h2>{title}</h2>
      {metadata.description && <p>{metadata.description}</p>}
      {owner && <p className="muted">Owner: {shortRef(parseEntityRef(owner, 'group'))}</p>}
      {metadata.tags && metadata.tags.length > 0 && (
        <ul className="tags" aria-label="Tags">
          {metadata.tags.map((one) => <li key={one} className="tag">{one}</li>)}
        </ul>
      )}
      {mayCreate && (
        <Link className="button-link" to={`/create/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(metadata.name)}`} aria-label={`Choose ${title}`}>
          Choose
        </Link>
      )}
    </li>
  );
}
