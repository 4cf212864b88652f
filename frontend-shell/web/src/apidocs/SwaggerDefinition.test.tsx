import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppConfigProvider } from '../frame/appConfig';
import { fakeShell } from '../testing/fakeShell';
import { HOSTILE_URLS, unsafeHrefs } from '../testing/hostileUrls';
import SwaggerDefinition from './SwaggerDefinition';

afterEach(() => vi.unstubAllGlobals());

/** An OpenAPI definition whose author put `url` everywhere Swagger UI makes a link of one. */
function definitionLinking(url: string, title: string) {
  return {
    openapi: '3.0.3',
    info: {
      title, version: '1.0.0', termsOfService: url,
      contact: { name: `${title} contact`, url, email: 'team@acme.example' },
      license: { name: `${title} licence`, url },
    },
    externalDocs: { description: `${title} docs`, url },
    tags: [{ name: 'payments', externalDocs: { description: `${title} tag docs`, url } }],
    paths: { '/payments': { get: { tags: ['payments'], externalDocs: { description: `${title} operation docs`, url }, responses: { '200': { description: 'ok' } } } } },
  };
}

describe('Swagger UI', () => {
  it.each(HOSTILE_URLS)('makes no link of %j in an API definition', async (url) => {
    fakeShell();
    const { container } = render(<AppConfigProvider><SwaggerDefinition spec={definitionLinking(url, 'Hostile')} /></AppConfigProvider>);
    await screen.findByText('Hostile docs', { exact: false });
    expect(unsafeHrefs(container)).toEqual([]);
  });

  it('links the definition\'s web addresses, and the schemes the operator adds', async () => {
    fakeShell({ links: { allowedSchemes: ['http', 'https', 'mailto', 'slack'] } });
    render(<AppConfigProvider><SwaggerDefinition spec={definitionLinking('slack://channel?id=C1', 'Chatty')} /></AppConfigProvider>);
    expect((await screen.findByRole('link', { name: 'Chatty docs' })).getAttribute('href')).toBe('slack://channel?id=C1');
    expect(screen.getByRole('link', { name: /team@acme.example|Send email/ }).getAttribute('href')).toBe('mailto:team@acme.example');
  });
});
