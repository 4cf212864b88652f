/** An EventSource that a test feeds: the stream the scaffolder would send. Stub it with vi.stubGlobal. */
export class FakeEventSource {
  static opened: FakeEventSource[] = [];
  listeners: Record<string, ((message: MessageEvent) => void)[]> = {};
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: (message: MessageEvent) => void) {
    (this.listeners[type] ??= []).push(listener);
  }
  send(one: { type: string }) {
    this.listeners[one.type]?.forEach((listener) => listener(new MessageEvent(one.type, { data: JSON.stringify(one) })));
  }
  close() {
    this.closed = true;
  }
}
