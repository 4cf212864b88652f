import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../testing/fakeEventSource';
import { TaskEvent } from './api';
import { useTaskEvents } from './useTaskEvents';

afterEach(() => vi.unstubAllGlobals());


const log = (taskId: string, id: number, message: string): TaskEvent => ({ id, taskId, type: 'log', body: { message }, createdAt: '2026-12-08T01:00:00Z' });

describe('useTaskEvents', () => {
  it("starts from another task's first event when the page moves to it", async () => {
    FakeEventSource.opened = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    const { result, rerender } = renderHook(({ id }) => useTaskEvents(id), { initialProps: { id: 'task-a' } });
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    act(() => FakeEventSource.opened[0].send(log('task-a', 41, 'a long first task')));
    expect(result.current.events.map((e) => e.id)).toEqual([41]);

    rerender({ id: 'task-b' });
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(2));
    // Ids are per task: task-b's first event (id 1) must not be dropped as older than task-a's 41.
    expect(FakeEventSource.opened[1].url).toBe('/api/scaffolder/v2/tasks/task-b/eventstream');
    act(() => FakeEventSource.opened[1].send(log('task-b', 1, 'the second task begins')));
    expect(result.current.events.map((e) => e.body.message)).toEqual(['the second task begins']);
  });
});
