/**
 * Vite builds the web app (src/web) into dist/web, which the server serves with a strict CSP.
 * In development, API calls are proxied to the server on port 3000 so the app stays same-origin.
 */
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const API_TARGET = process.env.OPENLOOP_API_URL ?? "http://localhost:3000";

export default defineConfig({
  root: "src/web",
  plugins: [react()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    // The CSP allows no inline script, so the module-preload polyfill must not be inlined
    // into index.html (Vite puts it into the entry chunk; modern browsers don't need it).
    modulePreload: { polyfill: false },
    sourcemap: true,
    // No data: URLs for fonts/images inside CSS or JS; every asset is a file from 'self'.
    assetsInlineLimit: 0,
    // React, the router, react-query, i18next, zod and the English and Swedish texts make up the
    // first-load chunk (~186 kB gzipped); pages and react-aria's dialog and menu load on demand.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships comments Rollup can't place ("annotation … cannot interpret"): harmless noise.
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("node_modules")) return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      // Only the API: the web app's own modules live under /api/*.ts too (src/web/api).
      "/api/v1": { target: API_TARGET, changeOrigin: false },
      "/healthz": { target: API_TARGET, changeOrigin: false },
    },
  },
  preview: { port: 4173 },
});
