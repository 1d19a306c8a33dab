//! Links that are safe to follow.
//!
//! A feed may carry links (the page, an incident). The only way to turn feed
//! text into an `href` is [`SafeUrl::parse`], which keeps absolute `http:`
//! and `https:` URLs and refuses everything else: `javascript:`, `data:`,
//! relative paths, and the spellings a URL parser would quietly repair into
//! something else (leading control characters, embedded tabs and newlines).

use std::fmt;

/// The longest link kept, in bytes (browsers take longer ones, but no status
/// page needs them).
pub const MAX_LEN: usize = 2048;

/// An absolute `http:` or `https:` URL, checked at the boundary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeUrl(String);

impl SafeUrl {
    /// Keeps `s` when it is an absolute `http:`/`https:` URL with a host,
    /// at most [`MAX_LEN`] long.
    ///
    /// The check is deliberately stricter than the URL standard: any ASCII
    /// control character or whitespace anywhere, or a backslash, refuses the
    /// link instead of being repaired, so what passes here is read the same
    /// way by every URL parser.
    pub fn parse(s: &str) -> Option<Self> {
        if s.len() > MAX_LEN || s.bytes().any(|b| b.is_ascii_control() || b == b' ' || b == b'\\') {
            return None;
        }
        let colon = s.find(':')?;
        let (scheme, rest) = (s.get(..colon)?, s.get(colon + 1..)?);
        let host_start = rest.strip_prefix("//")?.chars().next()?;
        let safe_scheme =
            scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http");
        (safe_scheme && !matches!(host_start, '/' | '?' | '#' | '@')).then(|| SafeUrl(s.to_owned()))
    }

    /// The URL as written in the feed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// This URL with `segment` appended as a path (`{url}/incidents/{id}`),
    /// when the result is still safe.
    pub fn join(&self, path: &[&str]) -> Option<SafeUrl> {
        // A path goes before a query or fragment; with one, there is no join.
        if self.0.contains(['?', '#']) {
            return None;
        }
        let mut out = self.0.trim_end_matches('/').to_owned();
        for segment in path {
            if segment.is_empty() || segment.contains(['/', '?', '#', '%', '.']) {
                return None;
            }
            out.push('/');
            out.push_str(segment);
        }
        SafeUrl::parse(&out)
    }
}

impl fmt::Display for SafeUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_absolute_http_links() {
        for good in [
            "https://status.example.com",
            "http://stspg.io/abc123",
            "HTTPS://Status.Example.com/incidents/x?y=1#z",
            "https://[::1]:8080/",
        ] {
            assert_eq!(SafeUrl::parse(good).as_ref().map(SafeUrl::as_str), Some(good));
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript://x.com/%0aalert(1)",
            "javascript://example.com/%0Aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "/incidents/1",
            "//evil.example/",
            "https:evil.example",
            "https:///evil.example",
            "https://\\evil.example",
            "https:// evil.example",
            "ftp://files.example/",
            "",
        ] {
            assert_eq!(SafeUrl::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn joins_plain_segments_only() {
        let base = SafeUrl::parse("https://status.example.com/").expect("valid");
        let joined = base.join(&["incidents", "k2x9"]).map(|u| u.0);
        assert_eq!(joined.as_deref(), Some("https://status.example.com/incidents/k2x9"));
        assert_eq!(base.join(&["incidents", "../../admin"]), None);
        assert_eq!(base.join(&["incidents", ""]), None);
        assert_eq!(base.join(&["incidents", "a?b"]), None);
        let with_query = SafeUrl::parse("https://status.example.com/?lang=en").expect("valid");
        assert_eq!(with_query.join(&["incidents", "x"]), None);
    }
}
