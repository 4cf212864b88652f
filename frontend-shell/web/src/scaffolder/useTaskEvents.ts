import { useCallback, useEffect, useRef, useState } from 'react';
import { eventStreamUrl, fetchEvents, TaskEvent } from './api';

/** How often the fallback polls `/events?after=` when the browser cannot keep an event stream open. */
export const POLL_MILLIS = 1_000;
/** Stream failures in a row, with no event between them, after which polling takes over. */
export const STREAM_FAILURES_BEFORE_POLLING = 3;
/** A stream that stayed open this long ended as the scaffolder ends them (50 s), not by failing. */
const STREAM_LIVED_MILLIS = 10_000;

const ENDS = new Set(['completion', 'cancelled']);

/**
 * A task's events as they happen: the scaffolder's server-sent event stream, reopened after its
 * last event when it closes (the scaffolder ends each stream within the request deadline), and
 * polling of `/events?after=` where there is no EventSource or the stream keeps failing (a proxy
 * that buffers). Each event is kept once, by id. `restart` listens again after a retry.
 */
export function useTaskEvents(taskId: string): { events: TaskEvent[]; ended: boolean; restart: () => void } {
  const [events, setEvents] = useState<TaskEvent[]>([]);
  const [ended, setEnded] = useState(false);
  const [round, setRound] = useState(0);
  const lastId = useRef(0);
  const shownTask = useRef(taskId);

  useEffect(() => {
    // Another task's events start again from its first; a retry (same task) keeps what was seen.
    if (shownTask.current !== taskId) {
      shownTask.current = taskId;
      lastId.current = 0;
      setEvents([]);
    }
    let stopped = false;
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    setEnded(false);

    const add = (received: TaskEvent[]) => {
      const fresh = received.filter((event) => event.id > lastId.current);
      if (fresh.length === 0) return false;
      lastId.current = fresh[fresh.length - 1].id;
      setEvents((known) => [...known, ...fresh]);
      if (fresh.some((event) => ENDS.has(event.type))) {
        setEnded(true);
        return true;
      }
      return false;
    };

    const poll = async () => {
      if (stopped) return;
      try {
        if (add(await fetchEvents(taskId, lastId.current))) return;
      } catch {
        // A failed poll is asked again; the page shows what it has.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MILLIS);
    };

    const listen = () => {
      if (stopped) return;
      if (typeof EventSource === 'undefined' || failures >= STREAM_FAILURES_BEFORE_POLLING) {
        void poll();
        return;
      }
      source = new EventSource(eventStreamUrl(taskId, lastId.current), { withCredentials: true });
      const opened = Date.now();
      const onEvent = (message: MessageEvent) => {
        failures = 0;
        if (add([JSON.parse(message.data) as TaskEvent])) source?.close();
      };
      for (const type of ['log', 'completion', 'cancelled', 'recovered']) source.addEventListener(type, onEvent as EventListener);
      // The stream ended (the scaffolder's 50 s) or failed: open it again after the last event seen.
      source.onerror = () => {
        source?.close();
        failures = Date.now() - opened >= STREAM_LIVED_MILLIS ? 0 : failures + 1;
        if (!stopped) timer = setTimeout(listen, failures > 1 ? POLL_MILLIS : 0);
      };
    };

    listen();
    return () => {
      stopped = true;
      source?.close();
      if (timer) clearTimeout(timer);
    };
  }, [taskId, round]);

  const restart = useCallback(() => setRound((n) => n + 1), []);
  return { events, ended, restart };
}
