//! Any JSON object read as Instatus, then every view.
#![no_main]

use status_widget::feed::Format;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = status_widget::check::as_format(data, Format::Instatus) {
        panic!("{broken}");
    }
});
