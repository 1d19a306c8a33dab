//! `dist/` as an npm package: `package.json`, the TypeScript declarations
//! and the Custom Elements Manifest, so that the folder to copy to a static
//! host is also the package to publish (`npm publish dist`) or to install
//! (`npm install path/to/dist`; `examples/vite` does).
//!
//! The declarations (`src/js/status-widget.d.ts` for the module,
//! `src/js/status-widget-classic.d.ts` for the classic script) and the
//! manifest (`src/js/custom-elements.json`) are written by hand beside the
//! scripts they describe; this copies them. No page loads any of these
//! files: they are not part of the embed, of its size budget or of
//! `integrity.json`.

use std::path::Path;

use crate::{root, Result};

/// The hand-written files of `src/js/` that the package carries as they are.
const COPIED: &[&str] =
    &["status-widget.d.ts", "status-widget-classic.d.ts", "custom-elements.json"];

/// Every file the package adds to `dist/`: none is part of the embed.
pub const FILES: &[&str] =
    &["package.json", "status-widget.d.ts", "status-widget-classic.d.ts", "custom-elements.json"];

/// `dist/package.json`, but for its version. Text rather than a
/// `serde_json::Value`, whose keys would be sorted: the conditions of
/// `exports` are tried in order, and `types` must come first.
const PACKAGE: &str = r#"{
  "name": "status-widget",
  "version": "VERSION",
  "description": "An embeddable status banner and incident timeline (<status-widget>), in Rust compiled to WebAssembly.",
  "keywords": [
    "status",
    "status-page",
    "statuspage",
    "incident",
    "banner",
    "custom-element",
    "web-component",
    "webassembly"
  ],
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "./status-widget.mjs",
  "module": "./status-widget.mjs",
  "types": "./status-widget.d.ts",
  "exports": {
    ".": {
      "types": "./status-widget.d.ts",
      "import": "./status-widget.mjs"
    },
    "./classic": {
      "types": "./status-widget-classic.d.ts",
      "default": "./status-widget.js"
    },
    "./status-widget.mjs": {
      "types": "./status-widget.d.ts",
      "import": "./status-widget.mjs"
    },
    "./status-widget.js": {
      "types": "./status-widget-classic.d.ts",
      "default": "./status-widget.js"
    },
    "./status-widget.wasm": "./status-widget.wasm",
    "./i18n/*": "./i18n/*",
    "./integrity.json": "./integrity.json",
    "./custom-elements.json": "./custom-elements.json",
    "./package.json": "./package.json"
  },
  "customElements": "custom-elements.json",
  "files": [
    "status-widget.js",
    "status-widget.mjs",
    "status-widget.wasm",
    "i18n/",
    "integrity.json",
    "status-widget.d.ts",
    "status-widget-classic.d.ts",
    "custom-elements.json"
  ],
  "sideEffects": [
    "./status-widget.mjs",
    "./status-widget.js"
  ]
}
"#;

/// Writes `dist/package.json` for `version` and copies the declarations and
/// the manifest into `dist/`, which must hold the built embed already.
pub fn write(dist: &Path, version: &str) -> Result {
    let text = PACKAGE.replacen("\"VERSION\"", &serde_json::to_string(version)?, 1);
    // A slip in the text above, or in a hand-written file, fails here rather
    // than in someone's `npm install`.
    let package: serde_json::Value = serde_json::from_str(&text)?;
    std::fs::write(dist.join("package.json"), &text)?;
    let sources = root().join("src/js");
    for name in COPIED {
        std::fs::copy(sources.join(name), dist.join(name))
            .map_err(|e| format!("cannot copy src/js/{name} into dist/: {e}"))?;
    }
    let manifest = std::fs::read_to_string(dist.join("custom-elements.json"))?;
    serde_json::from_str::<serde_json::Value>(&manifest)
        .map_err(|e| format!("src/js/custom-elements.json is not JSON: {e}"))?;
    let files = package.get("files").and_then(serde_json::Value::as_array);
    for file in files.into_iter().flatten().filter_map(serde_json::Value::as_str) {
        if !dist.join(file).exists() {
            return Err(format!("dist/package.json names {file}, which dist/ lacks").into());
        }
    }
    Ok(())
}
