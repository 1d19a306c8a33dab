//! Writing JSON text: the little the widget writes (the `status-change`
//! detail, the dismissals it saves), without serde in the wasm build. The
//! browser parses it back (`JSON.parse`); natively, the tests compare it
//! with `serde_json`'s.

use crate::number::decimal;

/// JSON text, written value by value. Arrays and objects are written by
/// their callers with [`Json::open`], [`Json::key`] and [`Json::close`];
/// commas go where they belong.
#[derive(Debug, Default)]
pub struct Json {
    out: String,
    /// Whether the next value is the first of its array or object.
    first: bool,
}

impl Json {
    /// Begins an array (`[`) or an object (`{`).
    pub fn open(&mut self, bracket: char) -> &mut Self {
        self.comma();
        self.out.push(bracket);
        self.first = true;
        self
    }

    /// Ends the array or object `open` began (`]` or `}`).
    pub fn close(&mut self, bracket: char) -> &mut Self {
        self.out.push(bracket);
        self.first = false;
        self
    }

    /// The name of an object's next member.
    pub fn key(&mut self, key: &str) -> &mut Self {
        self.string(key);
        self.out.push(':');
        self.first = true;
        self
    }

    /// A string, escaped.
    pub fn string(&mut self, s: &str) -> &mut Self {
        self.comma();
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                c if u32::from(c) < 0x20 => {
                    let code = u32::from(c);
                    self.out.push_str("\\u00");
                    for nibble in [code >> 4, code & 0xf] {
                        self.out.push(char::from_digit(nibble, 16).unwrap_or('0'));
                    }
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
        self
    }

    /// A string, or `null`.
    pub fn text(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.string(s),
            None => self.raw("null"),
        }
    }

    /// A whole number.
    pub fn integer(&mut self, n: i64) -> &mut Self {
        self.raw(&decimal(n))
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    fn raw(&mut self, text: &str) -> &mut Self {
        self.comma();
        self.out.push_str(text);
        self
    }

    fn comma(&mut self) {
        if !std::mem::replace(&mut self.first, false) && !self.out.is_empty() {
            self.out.push(',');
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::Json;

    #[test]
    fn writes_what_serde_json_reads() {
        let tricky = "quote \" backslash \\ newline \n tab \t bell \u{7} nul \0 é 😀 </script>";
        let mut json = Json::default();
        json.open('{').key("a").string(tricky).key("b").integer(-42).key("c").text(None);
        json.key("d").open('[').integer(1).string("x").open('[').close(']').open('{').close('}');
        json.close(']').key("e").open('{').key("f").text(Some("g")).close('}').close('}');
        let text = json.finish();
        let parsed: serde_json::Value = serde_json::from_str(&text).expect(&text);
        let expected = serde_json::json!({
            "a": tricky, "b": -42, "c": null, "d": [1, "x", [], {}], "e": {"f": "g"}
        });
        assert_eq!(parsed, expected, "{text}");
        assert!(!text.contains('\n') && !text.contains('\u{7}'), "{text}");
    }
}
