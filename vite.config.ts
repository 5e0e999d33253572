/**
 * The client build: the islands under src/web/client/ become hashed modules in dist/client/assets
 * (the server reads .vite/manifest.json to link them), plus the service worker at dist/client/sw.js
 * and the web app manifest. `npm run build` runs it; `npm start` and the tests build when stale.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('./src/web/client/', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/client/', import.meta.url));

export default defineConfig({
  root,
  publicDir: 'public',
  base: '/',
  logLevel: 'warn',
  // Islands written as Preact components compile with the automatic runtime, no preset needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    assetsDir: 'assets',
    // Phones from 2019 on; nothing older is worth the extra bytes every reader would pay.
    target: 'es2020',
    // The pages link the entry themselves; no polyfill script is needed for module preloads.
    modulePreload: { polyfill: false },
    // Small assets stay files: the CSP allows no data: scripts and images stay cacheable.
    assetsInlineLimit: 0,
    rolldownOptions: { input: { main: `${root}main.ts` } },
  },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      // The pages register the worker themselves after load; nothing is injected into HTML.
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      // The PNG icons are fetched by the browser when someone installs the app, not precached.
      includeManifestIcons: false,
      manifest: {
        name: 'Porchlight: find a meeting',
        short_name: 'Porchlight',
        description:
          'Find a mutual-support meeting (AA, NA, Al-Anon, SMART Recovery and more) in person, online or by phone.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#8a1c00',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      injectManifest: {
        globPatterns: ['assets/*.{js,css}', 'icons/icon.svg'],
        // The map (Leaflet, about 45 KB compressed) is fetched when someone opens it, not on install.
        globIgnores: ['assets/map-*'],
        // One classic script: registering it needs no module-worker support.
        rollupFormat: 'iife',
      },
    }),
  ],
});
