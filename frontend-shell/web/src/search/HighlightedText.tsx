import { Fragment } from 'react';
import type { SearchResult } from '../api/search';

/**
 * Text with the search plugin's highlight tags shown as <mark>: the text is split on the tags and
 * rendered as text nodes, never as HTML, so a document cannot inject markup through its title.
 */
export function HighlightedText({ text, preTag, postTag }: { text: string; preTag: string; postTag: string }) {
  const parts: { text: string; marked: boolean }[] = [];
  let rest = text;
  while (rest.length > 0) {
    const start = rest.indexOf(preTag);
    if (start < 0) {
      parts.push({ text: rest, marked: false });
      break;
    }
    const end = rest.indexOf(postTag, start + preTag.length);
    if (end < 0) {
      parts.push({ text: rest.replace(preTag, ''), marked: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), marked: false });
    parts.push({ text: rest.slice(start + preTag.length, end), marked: true });
    rest = rest.slice(end + postTag.length);
  }
  return (
    <>
      {parts.map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <Fragment key={i}>{part.text}</Fragment>))}
    </>
  );
}

/** A result's field with its highlight when the search plugin sent one, else as the document has it. */
export function HighlightedField({ result, field }: { result: SearchResult; field: 'title' | 'text' }) {
  const { highlight, document } = result;
  const marked = highlight?.fields[field];
  return marked && highlight ? <HighlightedText text={marked} preTag={highlight.preTag} postTag={highlight.postTag} /> : <>{document[field]}</>;
}
