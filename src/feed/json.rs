//! The little the reader asks of a parsed JSON document.
//!
//! The reader is written once against [`Json`]; natively it reads a
//! `serde_json::Value`, in the browser the object `JSON.parse` made
//! (`web::fetch`), field by field, so no text is copied into wasm memory but
//! the fields that are shown. Only the fields the reader knows are ever
//! visited: unknown fields cost nothing and nesting deep inside them is
//! never walked.

/// A node of a parsed JSON document.
pub trait Json: Sized {
    /// The field `key` of an object; `None` when this is not an object, the
    /// field is absent, or it is `null`.
    fn get(&self, key: &'static str) -> Option<Self>;
    /// The string this is, if it is one.
    fn string(&self) -> Option<String>;
    /// The number this is, if it is one.
    fn number(&self) -> Option<f64>;
    /// The boolean this is, if it is one.
    fn boolean(&self) -> Option<bool>;
    /// The elements of an array; `None` when this is not an array.
    fn elements(&self) -> Option<Vec<Self>>;
    /// Whether this is an object (not an array, string, number or `null`).
    fn is_object(&self) -> bool;
}

/// Natively; and in the browser tests, where reading the same document
/// through both implementations must give the same feed.
#[cfg(any(not(target_arch = "wasm32"), test))]
impl Json for &serde_json::Value {
    fn get(&self, key: &'static str) -> Option<Self> {
        serde_json::Value::get(self, key).filter(|v| !v.is_null())
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn elements(&self) -> Option<Vec<Self>> {
        self.as_array().map(|items| items.iter().collect())
    }
    fn is_object(&self) -> bool {
        serde_json::Value::is_object(self)
    }
}
