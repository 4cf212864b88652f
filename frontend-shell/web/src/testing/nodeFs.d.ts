// The one Node API tests in src/ use (vitest runs them in Node): reading a file beside the test
// whose raw text vite's pipeline would not hand over, such as a stylesheet.
declare module 'node:fs' {
  export function readFileSync(path: string, encoding: 'utf8'): string;
}
