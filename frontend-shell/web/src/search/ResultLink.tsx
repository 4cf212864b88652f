import { AnchorHTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { linkTarget } from '../common/links';

type Props = { location: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>;

/**
 * A link to a result's location: a path in the portal through the router, an http(s) address as a
 * plain link, anything else (javascript:, data:) as text, as the search backend would drop it too.
 */
export function ResultLink({ location, children, ...attributes }: Props) {
  if (location.startsWith('/') && !location.startsWith('//')) {
    return (
      <Link to={location} {...attributes}>
        {children}
      </Link>
    );
  }
  const href = linkTarget(location, ['http', 'https']);
  return href ? (
    <a href={href} {...attributes}>
      {children}
    </a>
  ) : (
    <span className={attributes.className}>{children}</span>
  );
}
