import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { STATIC_CSP, serializeCsp } from './src/security/csp.ts';

/**
 * Build only (the dev server injects inline scripts for React refresh, so no CSP in dev):
 *  - the static Content-Security-Policy right after <meta charset> in dist/index.html (src/security/csp.ts);
 *  - src/security/installCsp.ts as its own entry, loaded by a module script before the app's: module
 *    scripts run in document order, so the startup policy (with the basemap host) is in force before
 *    any module of the app is evaluated.
 */
function cspMeta(): Plugin {
  return {
    name: 'bildungsraum-csp',
    apply: 'build',
    config: () => ({
      build: { rollupOptions: { input: { index: 'index.html', csp: 'src/security/installCsp.ts' } } },
    }),
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => {
        const policy = serializeCsp(STATIC_CSP);
        if (/["<>&]/.test(policy)) throw new Error(`CSP must not need HTML escaping: ${policy}`);
        const charset = /<meta charset="UTF-8" \/>\n?/i;
        if (!charset.test(html)) throw new Error('index.html: <meta charset="UTF-8" /> not found');
        const entry = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.isEntry && c.name === 'csp',
        );
        if (!entry) throw new Error('CSP entry chunk (src/security/installCsp.ts) missing from the bundle');
        const firstScript = /<script type="module"/;
        if (!firstScript.test(html)) throw new Error('index.html: no module script found');
        return html
          .replace(
            charset,
            (m) => `${m}    <meta http-equiv="Content-Security-Policy" content="${policy}" />\n`,
          )
          .replace(
            firstScript,
            (m) => `<script type="module" crossorigin src="./${entry.fileName}"></script>\n    ${m}`,
          );
      },
    },
  };
}

// Static, client-only build: `vite build` → dist/, served by any web server.
export default defineConfig({
  base: './',
  plugins: [react(), cspMeta()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2500,
  },
  server: { port: 5173 },
  preview: { port: 5173 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // after unit and integration tests: the browser tests measure main-thread tasks (issues #3, #5),
          // which other test processes on the same cores would stretch
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
