//! Any JSON object read as Cachet, then every view.
#![no_main]

use status_widget::feed::Format;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = status_widget::check::as_format(data, Format::Cachet) {
        panic!("{broken}");
    }
});
