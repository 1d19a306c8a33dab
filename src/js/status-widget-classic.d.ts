// Types of status-widget.js, the classic script (the package's `./classic` export). It exports
// nothing: loaded by its own `<script src>` tag, it finds status-widget.mjs beside itself,
// which defines <status-widget>, and mounts a banner from the tag's `data-*` attributes. A
// bundler cannot run it (`import "status-widget/classic"` has no tag to read): import
// `status-widget` instead. This export names the file for tools that copy or serve the
// package's files as they are (a CDN such as jsDelivr or unpkg, a copy into a static folder).
// The element's types are those of the module:
//   import type { StatusWidgetElement } from "status-widget";
import type {} from "./status-widget.js";

export {};
