//! The simulation Web Worker's entry point.

#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo::worker::Registrable;
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into())
    }));
    cordon_web::worker::SimWorker::registrar().register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the worker runs in a browser: build the app with `./x build`.");
    std::process::exit(2);
}
