import { AsyncMessage, summarizeAsyncApi } from './asyncApiModel';
import { RawDefinition } from './RawDefinition';

function Payload({ payload }: { payload: unknown }) {
  if (payload === undefined) return null;
  return (
    <details className="payload">
      <summary>Payload schema</summary>
      <pre tabIndex={0}>
        <code>{JSON.stringify(payload, null, 2)}</code>
      </pre>
    </details>
  );
}

function Message({ message }: { message: AsyncMessage }) {
  return (
    <li>
      <strong>{message.name}</strong>
      {message.summary && <span className="muted"> — {message.summary}</span>}
      <Payload payload={message.payload} />
    </li>
  );
}

/** AsyncAPI as readable docs: the title, then each channel with its operations and their messages. */
export function AsyncApiDocs({ definition }: { definition: Record<string, unknown> }) {
  const api = summarizeAsyncApi(definition);
  return (
    <div className="asyncapi-docs">
      <p className="eyebrow">AsyncAPI {api.specVersion}</p>
      <h2>
        {api.title} {api.version && <span className="muted">{api.version}</span>}
      </h2>
      {api.description && <p>{api.description}</p>}
      {api.channels.length === 0 && <p className="empty">This definition declares no channels.</p>}
      {api.channels.map((channel) => (
        <section key={channel.id} className="card channel" aria-label={`Channel ${channel.address}`}>
          <h3>
            <code>{channel.address}</code>
          </h3>
          {channel.description && <p>{channel.description}</p>}
          {channel.operations.length === 0 && <p className="muted">No operations use this channel.</p>}
          {channel.operations.map((operation) => (
            <div key={operation.id} className="operation">
              <h4>
                <span className={`action action-${operation.action}`}>{operation.action}</span> {operation.id}
              </h4>
              {operation.summary && <p>{operation.summary}</p>}
              <ul className="messages">
                {operation.messages.map((message, index) => (
                  <Message key={`${message.name}-${index}`} message={message} />
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
      <details className="whole-definition">
        <summary>The whole definition</summary>
        <RawDefinition text={JSON.stringify(definition, null, 2)} format="asyncapi" />
      </details>
    </div>
  );
}
