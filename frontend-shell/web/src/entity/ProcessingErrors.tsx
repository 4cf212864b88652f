import { Entity } from '../api/catalog';

/** What went wrong the last time the catalog processed this entity (status.items), if anything. */
export function ProcessingErrors({ entity }: { entity: Entity }) {
  const problems = (entity.status?.items ?? []).filter((item) => item.level !== 'info');
  if (problems.length === 0) return null;
  return (
    <section className="card error-panel" role="alert" aria-labelledby="errors-heading">
      <h2 id="errors-heading">Processing errors</h2>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.error?.name && <strong>{problem.error.name}: </strong>}
            {problem.error?.message ?? problem.message ?? problem.type ?? 'unknown problem'}
          </li>
        ))}
      </ul>
    </section>
  );
}
