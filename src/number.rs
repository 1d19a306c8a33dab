//! Whole numbers as decimal text, without `core::fmt` (which the wasm
//! build avoids pulling in for this alone). A leaf: it imports nothing.

/// `n` in decimal digits.
pub fn decimal(n: i64) -> String {
    let mut digits = Vec::with_capacity(20);
    let mut rest = n.unsigned_abs();
    loop {
        digits.push(b'0' + (rest % 10) as u8);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        digits.push(b'-');
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::decimal;

    #[test]
    fn writes_what_display_writes() {
        for n in [0, 7, -7, 10, 1_000_000, i64::MAX, i64::MIN, -1] {
            assert_eq!(decimal(n), n.to_string());
        }
    }
}
