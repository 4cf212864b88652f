import { configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../testing/fakeApi';
import { base64OfText, TemplateEditorPage } from './TemplateEditorPage';

afterEach(() => vi.unstubAllGlobals());
// Typing a form through user-event is slow on a loaded machine: waits are for the UI, not a measure of it.
configure({ asyncUtilTimeout: 10_000 });

const TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: hello
spec:
  parameters:
    - title: Say hello
      properties:
        who:
          title: Who
          type: string
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        values:
          who: \${{ parameters.who }}
`;

describe('the template editor', { timeout: 30_000 }, () => {
  it("dry-runs the pasted template with the form's values and the added files, and shows the files and log it produces", async () => {
    const requests = fakeFetch(() =>
      json({
        log: [{ body: { message: 'Beginning step fetch', stepId: 'fetch', status: 'processing' } }],
        steps: [{ id: 'fetch', name: 'fetch', action: 'fetch:template' }],
        output: { links: [{ title: 'Repository', url: 'https://github.com/acme/hello' }] },
        directoryContents: [
          { path: 'docs/index.md', base64Content: base64OfText('# Hello, Ada') },
          { path: 'README.md', base64Content: base64OfText('Hello Ada') },
          { path: 'logo.png', base64Content: btoa('\u0089PNG\u0000\u0001') },
        ],
      }),
    );
    render(<MemoryRouter><TemplateEditorPage /></MemoryRouter>);
    // user-event reads { and [ as key descriptors; pasting is what people do here anyway.
    await userEvent.click(screen.getByLabelText('Template YAML'));
    await userEvent.paste(TEMPLATE);
    await userEvent.type(await screen.findByLabelText('Who'), 'Ada');
    await userEvent.type(screen.getByLabelText('Path of a new file'), 'skeleton/README.md');
    await userEvent.click(screen.getByLabelText('Its contents'));
    await userEvent.paste('Hello ${{ values.who }}');
    await userEvent.click(screen.getByRole('button', { name: 'Add file' }));
    await userEvent.click(screen.getByRole('button', { name: 'Dry run' }));

    await screen.findByRole('heading', { name: 'Files (3)' });
    const body = JSON.parse(String(requests[0].init.body));
    expect(requests[0].url.pathname).toBe('/api/scaffolder/v2/dry-run');
    expect(body.template.metadata.name).toBe('hello');
    expect(body.values).toEqual({ who: 'Ada' });
    expect(body.directoryContents).toEqual([{ path: 'skeleton/README.md', base64Content: base64OfText('Hello ${{ values.who }}') }]);

    expect(screen.getByText('docs/')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'README.md' }));
    expect(screen.getByLabelText('File contents').textContent).toBe('Hello Ada');
    await userEvent.click(screen.getByRole('button', { name: 'docs/index.md' }));
    expect(screen.getByLabelText('File contents').textContent).toBe('# Hello, Ada');
    await userEvent.click(screen.getByRole('button', { name: 'logo.png' }));
    expect(screen.getByText('A binary file.')).toBeTruthy();
    expect(screen.getByLabelText('Dry-run log').textContent).toContain('[fetch] Beginning step fetch');
    expect(screen.getByRole('link', { name: 'Repository' })).toBeTruthy();
  });

  it("shows a step's failure with the log, and says when the text is not YAML", async () => {
    fakeFetch(() => json({ log: [{ body: { message: 'Beginning step fetch', stepId: 'fetch' } }], steps: [], directoryContents: [], error: "Step 'fetch' failed: no skeleton" }));
    render(<MemoryRouter><TemplateEditorPage /></MemoryRouter>);
    await userEvent.click(screen.getByLabelText('Template YAML'));
    await userEvent.paste('spec: [unclosed');
    expect((await screen.findByRole('alert')).textContent).toContain('Not a YAML document');
    expect(screen.getByRole('button', { name: 'Dry run' })).toHaveProperty('disabled', true);

    await userEvent.clear(screen.getByLabelText('Template YAML'));
    await userEvent.paste(TEMPLATE);
    await userEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain("Step 'fetch' failed: no skeleton"));
    expect(screen.getByLabelText('Dry-run log').textContent).toContain('Beginning step fetch');
  });

  it('refuses a YAML document whose aliases would multiply without end, instead of hanging the page', async () => {
    const requests = fakeFetch(() => json({}));
    render(<MemoryRouter><TemplateEditorPage /></MemoryRouter>);
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 10; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    await userEvent.click(screen.getByLabelText('Template YAML'));
    await userEvent.paste(levels.join('\n'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Not a YAML document.*alias/is);
    expect(screen.getByRole('button', { name: 'Dry run' })).toHaveProperty('disabled', true);
    expect(requests).toEqual([]);
  });
});
