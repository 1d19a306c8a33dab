/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The feed to show when the page's URL names none (`?feed=URL`). */
  readonly VITE_STATUS_FEED?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
