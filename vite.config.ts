import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The dev server's React refresh preamble is an inline script, which the page's strict CSP forbids; the CSP is
// dropped in `vite` (dev) only. Built pages keep it.
function devWithoutCsp(): Plugin {
  return {
    name: 'qr-till-dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

export default defineConfig({
  root: 'renderer',
  // Electron loads the built page from file://, so every asset URL must be relative.
  base: './',
  plugins: [react(), devWithoutCsp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
  },
  server: {
    // `vite` during development: verbs and events go to the browser-mode till service (config/till.local.json web port).
    proxy: { '/api': 'http://127.0.0.1:5180' },
  },
});
