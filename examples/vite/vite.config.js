import { defineConfig } from "vite";

export default defineConfig({
  optimizeDeps: {
    // The dev server pre-bundles dependencies into node_modules/.vite/deps/, where
    // `new URL("status-widget.wasm", import.meta.url)` would no longer find the .wasm and the
    // language tables beside the module: serve the package as it is.
    exclude: ["status-widget"],
  },
  build: {
    // Vite inlines files under 4 KiB as data: URLs. The language tables (about 2 KB each) stay
    // files of their own, each fetched only by a widget that speaks it, instead of all of them
    // being carried in the bundle.
    assetsInlineLimit: (file) => (/[\\/]status-widget[\\/]i18n[\\/]/.test(file) ? false : undefined),
  },
});
