//! The element's attributes are defined once, in
//! `status_widget::config::ATTRIBUTES`: the loader observes that list (the
//! build writes it into the module), and every description of the element
//! (its manifest, the type declarations, the README's table) gives the same.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests")]

use std::collections::BTreeSet;
use std::path::Path;

use status_widget::config::ATTRIBUTES;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn defined() -> BTreeSet<String> {
    ATTRIBUTES.iter().map(|a| (*a).to_owned()).collect()
}

#[test]
fn the_loader_observes_the_list_the_build_gives_it() {
    let module = read("src/js/module.js");
    assert!(module.contains("const ATTRIBUTES = __ATTRIBUTES__;"), "module.js lists its own");
    let dist = read("xtask/src/dist.rs");
    assert!(dist.contains("config::ATTRIBUTES"), "the build defines __ATTRIBUTES__ from the list");
}

#[test]
fn the_element_manifest_lists_every_attribute() {
    let manifest: serde_json::Value =
        serde_json::from_str(&read("src/js/custom-elements.json")).unwrap();
    let element = manifest["modules"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["declarations"].as_array().unwrap())
        .find(|d| d["tagName"] == "status-widget")
        .expect("the element's declaration");
    let listed: BTreeSet<String> = element["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_owned())
        // The one the widget sets, for hosts and tests, and does not read.
        .filter(|name| name != "state")
        .collect();
    assert_eq!(listed, defined());
}

#[test]
fn mount_takes_every_attribute_as_an_option() {
    let types = read("src/js/status-widget.d.ts");
    let start = types.find("export interface MountOptions {").unwrap();
    let end = start + types[start..].find("\n}").unwrap();
    let options: BTreeSet<String> = types[start..end]
        .lines()
        .filter_map(|l| {
            let (name, _) = l.strip_prefix("  ")?.split_once(':')?;
            let name = name.strip_suffix('?').unwrap_or(name);
            name.chars().all(|c| c.is_ascii_alphabetic()).then(|| name.to_owned())
        })
        // The page's own fetch function is a property, not an attribute.
        .filter(|name| name != "fetch")
        .collect();
    let camel = |name: &str| {
        let mut parts = name.split('-');
        let first = parts.next().unwrap_or_default().to_owned();
        parts.fold(first, |out, part| {
            let mut chars = part.chars();
            let head = chars.next().map(|c| c.to_ascii_uppercase()).into_iter();
            out + &head.chain(chars).collect::<String>()
        })
    };
    assert_eq!(options, ATTRIBUTES.iter().map(|a| camel(a)).collect());
}

#[test]
fn the_readme_describes_every_attribute_in_order() {
    let readme = read("README.md");
    let start = readme.find("### Attributes").unwrap();
    let table = &readme[start..start + readme[start..].find("\n\nWhat each mode shows").unwrap()];
    let rows: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split_once('`').map(|(name, _)| name))
        .collect();
    assert_eq!(rows, ATTRIBUTES);
}
