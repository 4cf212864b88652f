import { ReactNode } from 'react';
import { useAppConfig } from '../frame/appConfig';
import { ALWAYS_LINKED_SCHEMES, linkTarget } from './links';

/** The schemes this deployment links: http, https and mailto, plus those the shell's config adds. */
function useLinkSchemes(): readonly string[] {
  const config = useAppConfig();
  const configured = config.status === 'done' ? config.value.links?.allowedSchemes ?? [] : [];
  return [...ALWAYS_LINKED_SCHEMES, ...configured];
}

/**
 * Where a link to `url`, taken from entity or API data, may point; undefined when it must not be
 * a link. Every href the UI makes from such data goes through here.
 */
export function useLinkTarget(url: string | undefined): string | undefined {
  return linkTarget(url, useLinkSchemes());
}

/** A link to `url` when its scheme is allowed; otherwise the same words as text, the URL in a tooltip. */
export function ExternalLink({ url, children }: { url: string; children?: ReactNode }) {
  const href = useLinkTarget(url);
  return href ? <a href={href}>{children ?? url}</a> : <span className="unlinked-url" title={url}>{children ?? url}</span>;
}
