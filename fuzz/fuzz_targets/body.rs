//! Any bytes as a feed's body: format detection, then whichever reader it
//! picks, then every view.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = status_widget::check::body(data) {
        panic!("{broken}");
    }
});
