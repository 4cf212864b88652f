import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { entityPath, parseEntityRef } from '../api/entityRef';
import { ErrorPanel, Loading } from '../common/StatusPanels';
import { ExternalLink } from '../common/ExternalLink';
import { cancelTask, fetchTask, retryTask, Task, TaskEvent, TaskOutput } from './api';
import { useMayCreateTasks } from './useMayCreateTasks';
import { useTaskEvents } from './useTaskEvents';
import './scaffolder.css';

type StepStatus = 'open' | 'processing' | 'completed' | 'failed' | 'skipped' | 'cancelled';

/** Each step's latest status, as its log events tell it. */
export function stepStatuses(events: TaskEvent[]): Record<string, StepStatus> {
  const statuses: Record<string, StepStatus> = {};
  for (const event of events) {
    if (event.type === 'recovered') {
      // The task starts over: every step runs again.
      for (const key of Object.keys(statuses)) delete statuses[key];
    }
    if (event.type === 'log' && event.body.stepId && event.body.status) statuses[event.body.stepId] = event.body.status as StepStatus;
  }
  return statuses;
}

/** /create/tasks/:id: a task's steps and log as they run, then its outcome and output. */
export function TaskPage() {
  const { id = '' } = useParams();
  const { events, ended, restart } = useTaskEvents(id);
  const [task, setTask] = useState<Task>();
  const [failure, setFailure] = useState<Error>();
  const [acting, setActing] = useState(false);
  const [selected, setSelected] = useState<string>();
  const mayCreate = useMayCreateTasks();

  useEffect(() => {
    // Read when the page opens and again when the events say it ended: the status and output are the task's.
    fetchTask(id).then(setTask, setFailure);
  }, [id, ended]);

  if (!task) return failure ? <ErrorPanel title="Could not load the task" error={failure} /> : <Loading what="the task" />;

  const statuses = stepStatuses(events);
  const finished = [...events].reverse().find((event) => event.type === 'completion' || event.type === 'cancelled');
  const status = ended && finished ? (finished.type === 'cancelled' ? 'cancelled' : finished.body.error ? 'failed' : 'completed') : task.status;
  const running = status === 'open' || status === 'processing';
  const output: TaskOutput | undefined = finished?.body.output ?? task.output;
  const lines = events.filter((event) => event.type !== 'log' || !selected || event.body.stepId === selected);

  async function act(action: () => Promise<unknown>, afterwards?: () => void) {
    setActing(true);
    setFailure(undefined);
    try {
      await action();
      afterwards?.();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setActing(false);
    }
  }

  return (
    <section>
      <p>
        <Link to="/create">All templates</Link>
      </p>
      <h1>Task {task.spec.templateInfo?.entityRef ? `of ${task.spec.templateInfo.entityRef}` : id}</h1>
      <p role="status" className={`task-status task-${status}`}>
        Status: <strong>{status}</strong>
      </p>
      {failure && <ErrorPanel title="The scaffolder refused" error={failure} />}
      <div className="action-buttons">
        {running && (
          <button type="button" className="danger" disabled={acting} onClick={() => act(() => cancelTask(id))}>
            Cancel
          </button>
        )}
        {(status === 'failed' || status === 'cancelled') && mayCreate !== false && (
          <button type="button" disabled={acting} onClick={() => act(() => retryTask(id), () => {
            setTask({ ...task, status: 'open' });
            restart();
          })}>
            Retry
          </button>
        )}
      </div>
      <div className="task-layout">
        <ol className="task-steps" aria-label="Steps">
          {task.spec.steps.map((step) => (
            <li key={step.id} className={`step-${statuses[step.id] ?? 'open'}`}>
              <button type="button" className="link-button" aria-pressed={selected === step.id} onClick={() => setSelected(selected === step.id ? undefined : step.id)}>
                {step.name}
              </button>{' '}
              <span className="step-status">{statuses[step.id] ?? 'waiting'}</span>
            </li>
          ))}
        </ol>
        <div className="task-log-panel">
          <h2>{selected ? `Log of ${task.spec.steps.find((step) => step.id === selected)?.name ?? selected}` : 'Log'}</h2>
          {/* Focusable: a long log scrolls in its box, which the keyboard must reach. */}
          <pre className="task-log" aria-label="Task log" aria-live="polite" tabIndex={0}>
            {lines.map((event) => `${event.body.stepId ? `[${event.body.stepId}] ` : ''}${event.body.message ?? ''}${event.body.error?.message ? `: ${event.body.error.message}` : ''}`).join('\n')}
          </pre>
        </div>
      </div>
      {status === 'completed' && output && <TaskOutputPanel output={output} />}
    </section>
  );
}

/** Output links (a URL, or an entity of the catalog) and texts, as Backstage shows them when a task completes. */
export function TaskOutputPanel({ output }: { output: TaskOutput }) {
  const links = (output.links ?? []).filter((link) => link.url || link.entityRef);
  return (
    <div className="card task-output">
      <h2>Output</h2>
      {links.length > 0 && (
        <ul className="output-links">
          {links.map((link, index) => {
            const label = link.title ?? link.url ?? link.entityRef;
            return (
              <li key={index}>
                {link.entityRef ? <Link to={entityPath(parseEntityRef(link.entityRef, 'component'))}>{label}</Link> : <ExternalLink url={link.url!}>{label}</ExternalLink>}
              </li>
            );
          })}
        </ul>
      )}
      {(output.text ?? []).map((text, index) => (
        <div key={index}>
          {text.title && <h3>{text.title}</h3>}
          <p className="output-text">{text.content}</p>
        </div>
      ))}
    </div>
  );
}
