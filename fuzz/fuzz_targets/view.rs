//! Model to view: any feed the model can hold, built straight from the
//! fuzzer's bytes (`check::model`), rendered in every mode.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = status_widget::check::model(data) {
        panic!("{broken}");
    }
});
