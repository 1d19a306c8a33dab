// Types of status-widget.js, the classic script (the package's `./classic` export). It exports
// nothing: loaded by a `<script src>` tag it defines <status-widget> (through status-widget.mjs,
// from beside itself) and mounts a banner from the tag's `data-*` attributes. It needs its own
// `<script>` tag to find the module: a bundler's `import "status-widget/classic"` cannot run it
// (import `status-widget` instead); this export is for the file's URL
// (`import url from "status-widget/classic?url"`) and for CDNs. The element's types, which a
// page using it may want, are those of the module:
//   import type { StatusWidgetElement } from "status-widget";
import type {} from "./status-widget.js";

export {};
