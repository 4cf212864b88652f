/// <reference types="vitest" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The shell serves the build from its jar's static resources: Maven runs `npm run build` while
// it processes resources, so the output lands in target/classes/static and ends up in the jar.
export default defineConfig({
  plugins: [react()],
  // Bare imports from the UI plugins' tests (../../plugins) resolve from here, as they have no node_modules of their own.
  resolve: { dedupe: ['react', 'react-dom', 'react-router-dom', '@testing-library/react', '@testing-library/user-event', 'vitest'] },
  build: {
    outDir: '../target/classes/static',
    emptyOutDir: true,
    // Swagger UI (~1.5 MB) is its own chunk, loaded only on API pages; the app's own chunk stays small.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    // The UI plugins' sources (tests and `npm run dev`) are beside the shell, not below it.
    fs: { allow: ['.', '../../plugins'] },
    // `npm run dev` beside a running `./backlot start`: API calls, sign-in and sign-out go to the shell.
    proxy: {
      '/api': 'http://localhost:3000',
      '/ui-plugins': 'http://localhost:3000',
      '/oauth2': 'http://localhost:3000',
      '/login': 'http://localhost:3000',
      '/logout': 'http://localhost:3000',
    },
  },
  test: {
    environment: 'jsdom',
    // UI plugins (../../plugins/<id>) are tested here too, with the shell's React and plugin API as at run time.
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts', '../../plugins/*/src/**/*.test.{ts,tsx}', 'ui-plugin-build/**/*.test.ts'],
    setupFiles: ['src/testing/setup.ts'],
    // Swagger UI's Node build bundles a React of its own; the browser build shares the app's.
    alias: [
      { find: /^@backlot\/ui-plugin-api$/, replacement: decodeURIComponent(new URL('src/uiplugins/pluginApi.ts', import.meta.url).pathname) },
      { find: /^#swagger-ui$/, replacement: decodeURIComponent(new URL('node_modules/swagger-ui-react/swagger-ui-es-bundle-core.js', import.meta.url).pathname) },
    ],
    server: { deps: { inline: ['swagger-ui-react'] } },
  },
});
