import { describe, expect, it } from 'vitest';
import { HOSTILE_URLS } from '../testing/hostileUrls';
import { ALWAYS_LINKED_SCHEMES, linkTarget } from './links';

const PAGE = 'https://backlot.acme.example/catalog/default/component/payments';

describe('where a link from entity or API data may point', () => {
  it.each(HOSTILE_URLS)('nowhere for %j', (url) => {
    expect(linkTarget(url, ALWAYS_LINKED_SCHEMES, PAGE)).toBeUndefined();
  });

  it.each(['about:blank', 'file:///etc/passwd', 'blob:https://x/1', 'slack://channel?id=C1', 'http://[not a host', ''])(
    'nowhere for %j unless its scheme is allowed',
    (url) => expect(linkTarget(url, ALWAYS_LINKED_SCHEMES, PAGE)).toBeUndefined(),
  );

  it('to web and mail addresses, as the browser reads them', () => {
    expect(linkTarget('https://runbooks.acme.example/payments', ALWAYS_LINKED_SCHEMES, PAGE)).toBe('https://runbooks.acme.example/payments');
    expect(linkTarget('  HTTPS://Runbooks.acme.example', ALWAYS_LINKED_SCHEMES, PAGE)).toBe('https://runbooks.acme.example/');
    expect(linkTarget('mailto:payments@acme.example', ALWAYS_LINKED_SCHEMES, PAGE)).toBe('mailto:payments@acme.example');
  });

  it('to a relative address on the portal itself', () => {
    expect(linkTarget('/docs/payments', ALWAYS_LINKED_SCHEMES, PAGE)).toBe('https://backlot.acme.example/docs/payments');
  });

  it('to the schemes an operator adds', () => {
    expect(linkTarget('Slack://channel?id=C1', [...ALWAYS_LINKED_SCHEMES, 'slack'], PAGE)).toBe('slack://channel?id=C1');
  });
});
