/** A definition's text, scrollable and reachable with the keyboard. */
export function RawDefinition({ text, format }: { text: string; format: string }) {
  return (
    <pre className="raw-definition" tabIndex={0} aria-label={`${format} definition`}>
      <code>{text}</code>
    </pre>
  );
}
