// The SMART app's own origin: vite dev server in development, `dist/app` in production.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [preact()],
  publicDir: 'public',
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    rolldownOptions: {
      input: { main: 'index.html', launch: 'launch/launch.html' },
    },
  },
  server: { host: '127.0.0.1', strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true },
});
