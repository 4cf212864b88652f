/**
 * AsyncAPI 2.x and 3.x documents reduced to what the docs page shows: channels, the operations on
 * each, and the messages each operation carries. Local `$ref`s (#/components/…) are followed.
 */
type Json = Record<string, unknown>;

export interface AsyncMessage {
  name: string;
  summary?: string;
  payload?: unknown;
}

export interface AsyncOperation {
  id: string;
  /** What the application does: 2.x publish/subscribe, 3.x send/receive. */
  action: string;
  summary?: string;
  messages: AsyncMessage[];
}

export interface AsyncChannel {
  id: string;
  address: string;
  description?: string;
  operations: AsyncOperation[];
}

export interface AsyncApiSummary {
  title: string;
  version?: string;
  description?: string;
  specVersion: string;
  channels: AsyncChannel[];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows local `$ref`s (a few hops at most, so a cycle cannot loop). */
export function resolve(document: Json, value: unknown): unknown {
  let current = value;
  for (let hops = 0; hops < 10 && isObject(current) && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) return current;
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), document);
  }
  return current;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function message(document: Json, value: unknown, fallbackName: string): AsyncMessage {
  const resolved = resolve(document, value);
  const fields = isObject(resolved) ? resolved : {};
  const ref = isObject(value) && typeof value.$ref === 'string' ? value.$ref.split('/').pop() : undefined;
  return {
    name: text(fields.name) ?? text(fields.title) ?? ref ?? fallbackName,
    summary: text(fields.summary) ?? text(fields.description),
    payload: resolve(document, fields.payload),
  };
}

/** 2.x: `message` is one message or `{oneOf: [...]}`. */
function messagesOf2(document: Json, operation: Json): AsyncMessage[] {
  const value = resolve(document, operation.message);
  if (isObject(value) && Array.isArray(value.oneOf)) {
    return value.oneOf.map((one, index) => message(document, one, `message ${index + 1}`));
  }
  return value === undefined ? [] : [message(document, operation.message, 'message')];
}

function channels2(document: Json): AsyncChannel[] {
  const channels = isObject(document.channels) ? document.channels : {};
  return Object.entries(channels).map(([address, value]) => {
    const channel = isObject(resolve(document, value)) ? (resolve(document, value) as Json) : {};
    const operations = (['publish', 'subscribe'] as const)
      .filter((action) => isObject(channel[action]))
      .map((action) => {
        const operation = channel[action] as Json;
        return { id: text(operation.operationId) ?? `${action} ${address}`, action, summary: text(operation.summary), messages: messagesOf2(document, operation) };
      });
    return { id: address, address, description: text(channel.description), operations };
  });
}

function channels3(document: Json): AsyncChannel[] {
  const channels = isObject(document.channels) ? document.channels : {};
  const operations = isObject(document.operations) ? document.operations : {};
  return Object.entries(channels).map(([id, value]) => {
    const channel = isObject(resolve(document, value)) ? (resolve(document, value) as Json) : {};
    const ownMessages = isObject(channel.messages) ? channel.messages : {};
    const onThisChannel = Object.entries(operations)
      .map(([operationId, op]) => [operationId, resolve(document, op)] as const)
      .filter(([, op]) => isObject(op) && isObject(op.channel) && op.channel.$ref === `#/channels/${id}`)
      .map(([operationId, op]) => {
        const operation = op as Json;
        const named = Array.isArray(operation.messages) ? operation.messages : Object.values(ownMessages);
        return {
          id: operationId,
          action: text(operation.action) ?? 'operation',
          summary: text(operation.summary) ?? text(operation.description),
          messages: named.map((one, index) => message(document, one, `message ${index + 1}`)),
        };
      });
    return { id, address: text(channel.address) ?? id, description: text(channel.description), operations: onThisChannel };
  });
}

export function summarizeAsyncApi(document: Json): AsyncApiSummary {
  const info = isObject(document.info) ? document.info : {};
  const specVersion = text(document.asyncapi) ?? 'unknown';
  return {
    title: text(info.title) ?? 'Untitled AsyncAPI',
    version: text(info.version),
    description: text(info.description),
    specVersion,
    channels: specVersion.startsWith('2.') ? channels2(document) : channels3(document),
  };
}
