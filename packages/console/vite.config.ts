import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Built into the server's dist/ (dist/console), which profiled serves at /console. `npm run dev`
// serves it on Vite's dev server and sends API calls to a profiled at PROFILED_URL. The component
// tests (src/**/*.test.tsx) run in Vitest over jsdom.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: '../../dist/console', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: Object.fromEntries(
      // The API, and the demo's published sign-ins when the server runs `serve --demo`.
      ['/v1', '/oauth2', '/healthz', '/console/demo-login.json'].map((path) => [
        path,
        process.env.PROFILED_URL ?? 'http://127.0.0.1:8080',
      ]),
    ),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.tsx'],
    setupFiles: ['src/test-setup.ts'],
    restoreMocks: true,
  },
});
