// What @backstage/plugin-search-react's SearchClient does for SearchApi.query(query):
//   fetch(`${await discoveryApi.getBaseUrl('search')}/query?${qs.stringify(query)}`)
// Each check sends a query that way to Backlot's search and checks the SearchResultSet.
import qs from 'qs';

const base = process.env.SEARCH_URL;
const token = process.env.TOKEN;
let passed = 0;
let failed = 0;

async function query(q) {
  const response = await fetch(`${base}/query?${qs.stringify(q)}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${qs.stringify(q)} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function check(name, run) {
  try {
    await run();
    passed++;
  } catch (error) {
    failed++;
    console.log(`FAILED ${name}: ${error.message}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

await check('a term with types and filters, one value and several', async () => {
  const answer = await query({ term: 'payments', types: ['software-catalog'], filters: { kind: 'Component', tags: ['java', 'kotlin'] }, pageLimit: 3 });
  expect(Array.isArray(answer.results) && answer.results.length === 3, `three results: ${JSON.stringify(answer)}`);
  for (const result of answer.results) {
    expect(result.type === 'software-catalog', `type: ${JSON.stringify(result)}`);
    expect(typeof result.document.title === 'string' && typeof result.document.text === 'string' && typeof result.document.location === 'string', 'document');
    expect(typeof result.rank === 'number', 'rank');
    expect(result.highlight && typeof result.highlight.preTag === 'string' && typeof result.highlight.fields === 'object', 'highlight');
  }
  expect(typeof answer.nextPageCursor === 'string', 'nextPageCursor');
  expect(answer.previousPageCursor === undefined, 'no previous page on the first');
});

await check('cursors page through all results once', async () => {
  const seen = new Set();
  let pageCursor;
  do {
    const answer = await query({ term: 'payments', types: ['software-catalog'], filters: { kind: 'Component' }, pageLimit: 3, pageCursor });
    answer.results.forEach((result) => seen.add(result.document.location));
    pageCursor = answer.nextPageCursor;
  } while (pageCursor);
  expect(seen.size === 7, `seven documents, got ${seen.size}`);
});

await check('an empty term with a filter lists matching documents', async () => {
  const answer = await query({ term: '', filters: { tags: 'java' } });
  expect(answer.numberOfResults === 4, `four documents tagged java: ${answer.numberOfResults}`);
});

await check('a limit beyond the maximum is an InputError', async () => {
  const response = await fetch(`${base}/query?${qs.stringify({ term: 'x', pageLimit: 1000 })}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = await response.json();
  expect(response.status === 400 && body.error.name === 'InputError', `${response.status} ${JSON.stringify(body)}`);
});

console.log(`${passed} of ${passed + failed} search-client checks passed`);
process.exit(failed === 0 ? 0 : 1);
