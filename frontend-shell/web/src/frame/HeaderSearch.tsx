import { FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { trackEvent } from '../analytics/ga4';

/** Searches the whole catalog from any page: the catalog page with the text as its free-text filter. */
export function HeaderSearch() {
  const id = useId();
  const navigate = useNavigate();
  const [text, setText] = useState('');

  function search(event: FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams();
    if (text.trim()) {
      params.set('text', text.trim());
      trackEvent('search', { search_term: text.trim() });
    }
    navigate(`/catalog?${params}`);
    setText('');
  }

  return (
    <form className="header-search" role="search" onSubmit={search}>
      <label htmlFor={id} className="visually-hidden">
        Search the catalog
      </label>
      <input id={id} type="search" placeholder="Search the catalog" value={text} onChange={(event) => setText(event.target.value)} />
    </form>
  );
}
