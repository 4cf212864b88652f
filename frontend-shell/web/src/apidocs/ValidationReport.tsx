import { fetchValidation, ValidationProblem } from '../api/apiDocs';
import { Async } from '../common/Async';
import { useAsync } from '../common/useAsync';

/**
 * What validating a version found, errors first: open when there is something to read, collapsed
 * when the definition is clean. A version is stored whatever its errors (CI may ask for strict).
 */
export function ValidationReport({ namespace, name, version }: { namespace: string; name: string; version: string }) {
  const report = useAsync(() => fetchValidation(namespace, name, version), [namespace, name, version]);
  return (
    <section aria-label="Validation report" className="validation-report">
      <Async state={report} what="the validation report">
        {(value) => {
          const clean = value.errorCount === 0 && value.warningCount === 0;
          return (
            <details open={!clean}>
              <summary>
                {clean ? 'Valid: no errors or warnings' : `Validation: ${count(value.errorCount, 'error')}, ${count(value.warningCount, 'warning')}`}
              </summary>
              {value.note && <p className="muted">{value.note}</p>}
              <Problems title="Errors" problems={value.errors} total={value.errorCount} />
              <Problems title="Warnings" problems={value.warnings} total={value.warningCount} />
            </details>
          );
        }}
      </Async>
    </section>
  );
}

function Problems({ title, problems, total }: { title: string; problems: ValidationProblem[]; total: number }) {
  if (problems.length === 0) {
    return null;
  }
  return (
    <>
      <h3>{title}</h3>
      <ul aria-label={title}>
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.location && <code>{problem.location}</code>} {problem.message}
          </li>
        ))}
      </ul>
      {total > problems.length && <p className="muted">{total - problems.length} more not listed</p>}
    </>
  );
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
