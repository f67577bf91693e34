// The SMART app's own origin: vite dev server in development, `dist/app` in production.
// The build checks smart-config/app.json (a bad config fails the build) and ships the app's
// Content-Security-Policy: as a <meta> tag (everything but frame-ancestors, which browsers only
// honour from a header) and as dist/app/content-security-policy.txt for the web server's header.
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { loadAppConfig } from './src/app/smart/config-check.ts';
import { contentSecurityPolicy } from './src/app/smart/csp.ts';
import { modelConfigPlugin } from './src/app/build/model-config.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

function contentSecurityPolicyPlugin(): Plugin {
  const config = loadAppConfig(
    new URL('./smart-config/app.json', import.meta.url),
    new URL('./smart-config/app.schema.json', import.meta.url),
  );
  const policy = contentSecurityPolicy(config);
  const metaPolicy = policy
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'nodal-risk-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: metaPolicy },
        injectTo: 'head-prepend',
      },
    ],
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'content-security-policy.txt', source: `${policy}\n` });
    },
  };
}

export default defineConfig({
  // MODEL_CONFIG=path embeds a checked model config (e.g. a local calibration) in the app.
  plugins: [preact(), contentSecurityPolicyPlugin(), modelConfigPlugin(process.env.MODEL_CONFIG || undefined)],
  publicDir: 'public',
  resolve: {
    // Smaller, quieter fhirclient: see the comments in the shims.
    alias: {
      debug: fileURLToPath(new URL('./src/app/shims/debug.cjs', import.meta.url)),
      'isomorphic-webcrypto': fileURLToPath(new URL('./src/app/shims/webcrypto.cjs', import.meta.url)),
      'js-base64': fileURLToPath(new URL('./src/app/shims/base64.cjs', import.meta.url)),
    },
  },
  // FHIRCLIENT_PURE: fhirclient's "pure" build for current browsers, without its fetch and
  // AbortController polyfills.
  define: { __APP_VERSION__: JSON.stringify(pkg.version), FHIRCLIENT_PURE: 'true' },
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: { main: 'index.html', launch: 'launch/launch.html' },
    },
  },
  server: {
    host: '127.0.0.1',
    strictPort: true,
    // The dev server serves the app's sources and dependencies only, never the project root
    // (configs, lock files, server code, keys).
    fs: {
      strict: true,
      allow: [
        'index.html',
        'launch',
        'public',
        'smart-config/app.json',
        'src/app',
        'src/domain',
        'src/fhir',
        'src/models',
        'src/report',
        'src/pipeline.ts',
        'node_modules',
      ],
      deny: ['.env', '.env.*', '*.{crt,pem,key}', '**/.git/**', 'package-lock.json', '.package-lock.json'],
    },
  },
  preview: { host: '127.0.0.1', strictPort: true },
});
