import { configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../testing/fakeApi';
import { FakeEventSource } from '../testing/fakeEventSource';
import { Task, TaskEvent } from './api';
import { TaskPage } from './TaskPage';

afterEach(() => vi.unstubAllGlobals());
// Typing a form through user-event is slow on a loaded machine: waits are for the UI, not a measure of it.
configure({ asyncUtilTimeout: 10_000 });

const TASK: Task = {
  id: 'task-1',
  status: 'processing',
  createdAt: '2026-12-07T23:00:00Z',
  spec: {
    steps: [
      { id: 'fetch', name: 'Render the skeleton', action: 'fetch:template' },
      { id: 'publish', name: 'Publish to GitHub', action: 'publish:github' },
    ],
    templateInfo: { entityRef: 'template:default/docs-site' },
  },
};

let nextId = 1;
const event = (type: TaskEvent['type'], body: TaskEvent['body']): TaskEvent => ({ id: nextId++, taskId: 'task-1', type, body, createdAt: '2026-12-07T23:00:01Z' });

const OUTPUT = {
  links: [
    { title: 'Repository', url: 'https://github.com/acme/team-docs' },
    { title: 'Open in catalog', entityRef: 'component:default/team-docs' },
    { title: 'Sneaky', url: 'javascript:alert(1)' },
    { title: 'Climbing', entityRef: 'component:default/../../../api/catalog/locations' },
  ],
  text: [{ title: 'Next steps', content: 'Add a README' }],
};


function renderTask() {
  render(
    <MemoryRouter initialEntries={['/create/tasks/task-1']}>
      <Routes>
        <Route path="/create/tasks/:id" element={<TaskPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('the task page', { timeout: 30_000 }, () => {
  it("shows the steps' progress and log from the event stream, then the output links", async () => {
    FakeEventSource.opened = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    let task: Task = TASK;
    fakeFetch((url) => (url.pathname === '/api/scaffolder/v2/tasks/task-1' ? json(task) : json({}, 400)));
    renderTask();
    await screen.findByText('Render the skeleton');
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    const stream = FakeEventSource.opened[0];
    expect(stream.url).toBe('/api/scaffolder/v2/tasks/task-1/eventstream');

    stream.send(event('log', { message: 'Beginning step Render the skeleton', stepId: 'fetch', status: 'processing' }));
    stream.send(event('log', { message: 'Finished step Render the skeleton', stepId: 'fetch', status: 'completed' }));
    stream.send(event('log', { message: 'Beginning step Publish to GitHub', stepId: 'publish', status: 'processing' }));
    await waitFor(() => expect(screen.getByLabelText('Task log').textContent).toContain('[publish] Beginning step Publish to GitHub'));
    expect(screen.getByText('Render the skeleton').closest('li')!.textContent).toContain('completed');
    expect(screen.getByText('Publish to GitHub').closest('li')!.textContent).toContain('processing');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();

    task = { ...TASK, status: 'completed', output: OUTPUT };
    stream.send(event('log', { message: 'Finished step Publish to GitHub', stepId: 'publish', status: 'completed' }));
    stream.send(event('completion', { message: 'Run completed with status: completed', output: OUTPUT }));
    expect((await screen.findByRole('link', { name: 'Repository' })).getAttribute('href')).toBe('https://github.com/acme/team-docs');
    expect(screen.getByRole('link', { name: 'Open in catalog' }).getAttribute('href')).toBe('/catalog/default/component/team-docs');
    // An output URL with a scheme that runs script is text, not a link.
    expect(screen.queryByRole('link', { name: 'Sneaky' })).toBeNull();
    // An entity reference that climbs stays one path segment of the entity page.
    expect(screen.getByRole('link', { name: 'Climbing' }).getAttribute('href')).toBe('/catalog/default/component/..%2F..%2F..%2Fapi%2Fcatalog%2Flocations');
    expect(screen.getByText('Add a README')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('completed');
    expect(stream.closed).toBe(true);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('polls /events?after= without an EventSource, and offers a retry when the task failed', async () => {
    vi.stubGlobal('EventSource', undefined);
    const batches: TaskEvent[][] = [
      [event('log', { message: 'Beginning step Render the skeleton', stepId: 'fetch', status: 'processing' })],
      [
        event('log', { message: 'Step failed: no such file', stepId: 'fetch', status: 'failed' }),
        event('completion', { message: 'Run completed with status: failed', error: { message: "Step 'fetch' failed" } }),
      ],
    ];
    let failed = false;
    const requests = fakeFetch((url, init) => {
      if (url.pathname.endsWith('/events')) {
        const batch = batches.shift() ?? [];
        if (batch.some((one) => one.type === 'completion')) failed = true;
        return json(batch);
      }
      if (url.pathname.endsWith('/retry')) return json({ id: 'task-1' }, 201);
      if (url.pathname === '/api/scaffolder/v2/tasks' && init.method === 'POST') return json({ error: { message: 'templateRef is required' } }, 400);
      return json({ ...TASK, status: failed ? 'failed' : 'processing' });
    });
    renderTask();
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('failed'), { timeout: 5000 });
    expect(screen.getByLabelText('Task log').textContent).toContain("Run completed with status: failed: Step 'fetch' failed");
    const afters = requests.filter((r) => r.url.pathname.endsWith('/events')).map((r) => r.url.searchParams.get('after'));
    expect(afters[0]).toBeNull();
    expect(Number(afters[1])).toBeGreaterThan(0);

    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(requests.some((r) => r.url.pathname === '/api/scaffolder/v2/tasks/task-1/retry' && r.init.method === 'POST')).toBe(true));
  });

  it('cancels a running task', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const requests = fakeFetch((url) => (url.pathname.endsWith('/cancel') ? json({ status: 'cancelled' }) : json(TASK)));
    renderTask();
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(requests.some((r) => r.url.pathname === '/api/scaffolder/v2/tasks/task-1/cancel' && r.init.method === 'POST')).toBe(true));
  });
});
