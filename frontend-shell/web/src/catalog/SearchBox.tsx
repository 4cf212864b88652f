import { FormEvent, useEffect, useId, useState } from 'react';

/** Free text search, applied on Enter or the button: one query per search, not per keystroke. */
export function SearchBox({ value, onSearch }: { value: string | undefined; onSearch: (text: string) => void }) {
  const id = useId();
  const [text, setText] = useState(value ?? '');
  // Back and forward in the browser change the URL under the box: follow it.
  useEffect(() => setText(value ?? ''), [value]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(text.trim());
  }

  return (
    <form className="field search" role="search" onSubmit={submit}>
      <label htmlFor={id}>Search</label>
      <div className="search-row">
        <input id={id} type="search" value={text} placeholder="Name, title or description" onChange={(e) => setText(e.target.value)} />
        <button type="submit">Search</button>
      </div>
    </form>
  );
}
