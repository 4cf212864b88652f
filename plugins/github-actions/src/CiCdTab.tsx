import { Async, Entity, ErrorPanel, ExternalLink, useAsync } from '@backlot/ui-plugin-api';
import { useState } from 'react';
import { duration, fetchJobs, fetchRuns, mayRerun, outcome, rerun, WorkflowRun } from './githubActions';

/** The entity's recent GitHub Actions runs; a run's jobs on demand; re-run for those allowed to. */
export function CiCdTab({ entity }: { entity: Entity }) {
  const [reload, setReload] = useState(0);
  const [openRun, setOpenRun] = useState<number>();
  const runs = useAsync(() => fetchRuns(entity), [entity.metadata.uid ?? entity.metadata.name, reload]);
  const allowed = useAsync(mayRerun, []);
  const canRerun = allowed.status === 'done' && allowed.value;
  return (
    <section aria-labelledby="cicd-title">
      <h2 id="cicd-title">CI/CD</h2>
      <Async state={runs} what="the GitHub Actions runs">
        {({ repository, runs: list }) => (
          <>
            <p className="muted">
              Recent workflow runs of {repository}{' '}
              <button type="button" onClick={() => setReload(reload + 1)}>
                Refresh
              </button>
            </p>
            {list.length === 0 ? (
              <p className="muted">No workflow runs yet.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>Status</th>
                    <th>Workflow</th>
                    <th>Branch</th>
                    <th>Commit</th>
                    <th>Duration</th>
                    <th>Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((run) => (
                    <RunRow key={run.id} entity={entity} run={run} canRerun={canRerun} open={openRun === run.id}
                      onToggle={() => setOpenRun(openRun === run.id ? undefined : run.id)} onRerun={() => setReload(reload + 1)} />
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Async>
      {allowed.status === 'error' && <ErrorPanel title="Could not ask whether you may re-run" error={allowed.error} />}
      {openRun !== undefined && <RunJobs entity={entity} runId={openRun} />}
    </section>
  );
}

interface RunRowProps {
  entity: Entity;
  run: WorkflowRun;
  canRerun: boolean;
  open: boolean;
  onToggle: () => void;
  onRerun: () => void;
}

function RunRow({ entity, run, canRerun, open, onToggle, onRerun }: RunRowProps) {
  const [error, setError] = useState<Error>();
  const [sending, setSending] = useState(false);
  const label = `${run.name ?? 'Workflow'} #${run.runNumber}`;
  const again = async () => {
    setSending(true);
    setError(undefined);
    try {
      await rerun(entity, run.id);
      onRerun();
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setSending(false);
    }
  };
  return (
    <tr>
      <td>{outcome(run)}</td>
      <td>
        <ExternalLink url={run.htmlUrl ?? ''}>{label}</ExternalLink>
      </td>
      <td>{run.branch}</td>
      <td title={run.message ?? undefined}>
        <code>{run.sha?.slice(0, 7)}</code> {run.message?.split('\n')[0]}
      </td>
      <td>{duration(run.durationSeconds)}</td>
      <td>
        <button type="button" aria-expanded={open} onClick={onToggle} aria-label={`Jobs of ${label}`}>
          Jobs
        </button>
        {canRerun && (
          <button type="button" onClick={again} disabled={sending || run.status !== 'completed'} aria-label={`Re-run ${label}`}>
            Re-run
          </button>
        )}
        {error && <ErrorPanel title="GitHub did not re-run it" error={error} />}
      </td>
    </tr>
  );
}

function RunJobs({ entity, runId }: { entity: Entity; runId: number }) {
  const jobs = useAsync(() => fetchJobs(entity, runId), [runId]);
  return (
    <section aria-label={`Jobs of run ${runId}`}>
      <h3>Jobs</h3>
      <Async state={jobs} what="the run's jobs">
        {({ jobs: list }) =>
          list.length === 0 ? (
            <p className="muted">This run has no jobs.</p>
          ) : (
            <ul>
              {list.map((job) => (
                <li key={job.id}>
                  <ExternalLink url={job.htmlUrl ?? ''}>{job.name}</ExternalLink> · {outcome(job)}
                  {job.durationSeconds !== null && ` · ${duration(job.durationSeconds)}`}
                  <ol>
                    {job.steps.map((step) => (
                      <li key={step.number}>
                        {step.name} · {outcome(step)}
                        {step.durationSeconds !== null && ` · ${duration(step.durationSeconds)}`}
                      </li>
                    ))}
                  </ol>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}
