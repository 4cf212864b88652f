import { Link, useLocation } from 'react-router-dom';

export function NotFoundPage() {
  const location = useLocation();
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        Backlot has no page at <code>{location.pathname}</code>.
      </p>
      <p>
        <Link to="/catalog">Go to the catalog</Link>
      </p>
    </section>
  );
}
