import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from './common/content-security-policy.js';

// The built page carries the till's CSP as a meta tag (Electron loads it from file://, where response headers do not
// apply). The dev server's React refresh preamble is an inline script, which that CSP forbids, so `vite` (dev) serves
// the page without it.
function contentSecurityPolicy(): Plugin {
  return {
    name: 'qr-till-content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<meta charset="utf-8" />',
      `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" />`),
  };
}

export default defineConfig({
  root: 'renderer',
  // Electron loads the built page from file://, so every asset URL must be relative.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
  },
  server: {
    // `vite` during development: verbs and events go to the browser-mode till service (config/till.local.json web port).
    proxy: { '/api': 'http://127.0.0.1:5180' },
  },
});
