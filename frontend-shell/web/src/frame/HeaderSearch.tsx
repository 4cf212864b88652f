import { FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { trackEvent } from '../analytics/ga4';

/** Searches the whole portal from any page: the search page with the text as its term ("/" opens the quick search). */
export function HeaderSearch() {
  const id = useId();
  const navigate = useNavigate();
  const [text, setText] = useState('');

  function search(event: FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams();
    params.set('term', text.trim());
    if (text.trim()) {
      trackEvent('search', { search_term: text.trim() });
    }
    navigate(`/search?${params}`);
    setText('');
  }

  return (
    <form className="header-search" role="search" onSubmit={search}>
      <label htmlFor={id} className="visually-hidden">
        Search the portal
      </label>
      <input id={id} type="search" placeholder="Search the portal (press /)" value={text} onChange={(event) => setText(event.target.value)} />
    </form>
  );
}
