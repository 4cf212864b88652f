import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
// The shell's own test helpers: the plugin runs on the shell's React and plugin API (docs/ui-plugins.md).
import { fakeFetch, json } from '../../../frontend-shell/web/src/testing/fakeApi';
import { component } from '../../../frontend-shell/web/src/testing/fakeCatalog';
import { CiCdTab } from './CiCdTab';
import plugin from './index';

afterEach(() => vi.unstubAllGlobals());

const octo = component('octo-service', { annotations: { 'github.com/project-slug': 'octo-org/octo-repo' } });
const QUERY = 'entityRef=component%3Adefault%2Focto-service';

/** What functions/github answers for GitHub's reference example runs (its test resources github/actions/). */
const RUNS = {
  repository: 'octo-org/octo-repo',
  host: 'github.com',
  totalCount: 2,
  runs: [
    { id: 30433642, name: 'Build', title: 'Update README.md', runNumber: 562, runAttempt: 1, event: 'push', status: 'queued',
      conclusion: null, branch: 'master', sha: 'acb5820ced9479c074f688cc328bf03f341a511d', message: 'Create linter.yaml',
      author: 'Octo Cat', startedAt: '2020-01-22T19:33:08Z', durationSeconds: null,
      htmlUrl: 'https://github.com/octo-org/octo-repo/actions/runs/30433642' },
    { id: 30433641, name: 'Build', title: 'Fix the linter', runNumber: 561, runAttempt: 1, event: 'push', status: 'completed',
      conclusion: 'success', branch: 'fix-linter', sha: '7638417db6d59f3c431d3e1f261cc637155684cd',
      message: 'Fix the linter\n\nIt now reads every workflow file.', author: 'Octo Cat', startedAt: '2020-01-22T19:20:00Z',
      durationSeconds: 132, htmlUrl: 'https://github.com/octo-org/octo-repo/actions/runs/30433641' },
  ],
};

/** Its answer for the reference example's jobs (two of the ten steps). */
const JOBS = {
  runId: 30433641,
  totalCount: 1,
  jobs: [{ id: 399444496, name: 'build', status: 'completed', conclusion: 'success', durationSeconds: 119,
    htmlUrl: 'https://github.com/octo-org/octo-repo/runs/29679449/jobs/399444496',
    steps: [
      { number: 1, name: 'Set up job', status: 'completed', conclusion: 'success', durationSeconds: 1 },
      { number: 8, name: 'Deploy to Heroku', status: 'completed', conclusion: 'failure', durationSeconds: 100 },
    ] }],
};

/** The github function: `allowed` is whether it admits the person to re-run. */
function github(allowed: boolean, extra: (url: URL, init: RequestInit) => Response | undefined = () => undefined) {
  return fakeFetch((url, init) => {
    const answer = extra(url, init);
    if (answer) return answer;
    if (url.pathname === '/api/github/actions/runs') return json(RUNS);
    if (url.pathname === '/api/github/actions/runs/30433641/jobs') return json(JOBS);
    if (url.pathname === '/api/github/actions/rerun-permission') {
      return allowed ? json({ allowed: true }) : json({ error: { name: 'NotAllowedError', message: 'Not allowed' } }, 403);
    }
    return json({ error: { name: 'NotFoundError', message: `no ${url.pathname}` } }, 404);
  });
}

describe('the CI/CD tab', () => {
  it('is shown only on entities that name their GitHub repository', () => {
    const tab = plugin.entityTabs![0];
    expect(tab.title).toBe('CI/CD');
    expect(tab.if(octo)).toBe(true);
    expect(tab.if(component('ledger'))).toBe(false);
    expect(tab.if(component('blank', { annotations: { 'github.com/project-slug': ' ' } }))).toBe(false);
  });

  it('lists the runs with status, workflow link, branch, commit and duration, asking by entity and never by repository', async () => {
    const requests = github(false);
    render(<CiCdTab entity={octo} />);
    const link = await screen.findByRole('link', { name: 'Build #561' });
    expect(link.getAttribute('href')).toBe('https://github.com/octo-org/octo-repo/actions/runs/30433641');
    const rows = screen.getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').slice(0, 5).map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['queued', 'Build #562', 'master', 'acb5820 Create linter.yaml', ''],
      ['success', 'Build #561', 'fix-linter', '7638417 Fix the linter', '2m 12s'],
    ]);
    expect(requests.map((request) => request.url.pathname + request.url.search)).toContain(`/api/github/actions/runs?${QUERY}`);
    expect(requests.every((request) => !request.url.search.includes('octo-repo'))).toBe(true);
  });

  it('shows a run\'s jobs with their steps', async () => {
    github(false);
    render(<CiCdTab entity={octo} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Jobs of Build #561' }));
    const jobs = await screen.findByRole('region', { name: 'Jobs of run 30433641' });
    expect((await within(jobs).findByRole('link', { name: 'build' })).getAttribute('href')).toBe('https://github.com/octo-org/octo-repo/runs/29679449/jobs/399444496');
    expect(within(jobs).getByText('Set up job · success · 1s')).toBeTruthy();
    expect(within(jobs).getByText('Deploy to Heroku · failure · 1m 40s')).toBeTruthy();
  });

  it('offers no re-run to someone the github function does not allow', async () => {
    github(false);
    render(<CiCdTab entity={octo} />);
    await screen.findByRole('link', { name: 'Build #561' });
    await screen.findAllByRole('button', { name: /^Jobs of/ });
    expect(screen.queryByRole('button', { name: /^Re-run/ })).toBeNull();
  });

  it('re-runs a finished run for someone allowed, then reads the runs again', async () => {
    let rerunInit: RequestInit | undefined;
    const requests = github(true, (url, init) => {
      if (url.pathname === '/api/github/actions/runs/30433641/rerun' && init.method === 'POST') {
        rerunInit = init;
        return json({ repository: 'octo-org/octo-repo', runId: 30433641, rerun: true }, 202);
      }
      return undefined;
    });
    render(<CiCdTab entity={octo} />);
    const button = await screen.findByRole('button', { name: 'Re-run Build #561' });
    expect((screen.getByRole('button', { name: 'Re-run Build #562' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(button);
    expect(rerunInit?.method).toBe('POST');
    await screen.findByRole('link', { name: 'Build #561' });
    const reads = requests.filter((request) => request.url.pathname === '/api/github/actions/runs');
    expect(reads.length).toBe(2);
    expect(requests.find((request) => request.url.pathname.endsWith('/rerun'))!.url.search).toBe(`?${QUERY}`);
  });

  it('says why in its own place when GitHub declines the re-run', async () => {
    github(true, (url, init) =>
      url.pathname.endsWith('/rerun') && init.method === 'POST'
        ? json({ error: { name: 'ConflictError', message: 'GitHub declined a re-run: it was created over a month ago' } }, 409)
        : undefined);
    render(<CiCdTab entity={octo} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Re-run Build #561' }));
    expect((await screen.findByRole('alert')).textContent).toContain('created over a month ago');
  });

  it('shows the github function\'s error when the runs cannot be read', async () => {
    github(false, (url) =>
      url.pathname === '/api/github/actions/runs' ? json({ error: { name: 'ServiceUnavailableError', message: "GitHub's rate limit stops it" } }, 503) : undefined);
    render(<CiCdTab entity={octo} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the GitHub Actions runs');
    expect(alert.textContent).toContain("GitHub's rate limit");
  });

  it('makes no link of a run URL that is a script', async () => {
    github(false, (url) =>
      url.pathname === '/api/github/actions/runs' ? json({ ...RUNS, runs: [{ ...RUNS.runs[0], htmlUrl: 'javascript:alert(1)' }] }) : undefined);
    render(<CiCdTab entity={octo} />);
    expect(await screen.findByText('Build #562')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Build #562' })).toBeNull();
  });
});
