//! The page's entry point: a readable message on any panic, then the app.

#[cfg(target_arch = "wasm32")]
fn show_panic(info: &std::panic::PanicHookInfo) {
    let message = info.to_string();
    web_sys::console::error_1(&message.clone().into());
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if let Ok(panel) = document.create_element("div") {
        panel.set_id("panic");
        let _ = panel.set_attribute("role", "alert");
        let escaped = message.replace('&', "&amp;").replace('<', "&lt;");
        panel.set_inner_html(&format!(
            "<h2>出现错误 · Something went wrong</h2>\
             <p>Cordon 遇到内部错误。您的修改已保存在本浏览器中，重新加载页面即可继续。</p>\
             <p>Cordon hit an internal error. Your edits are saved in this browser; reload the page to carry on.</p>\
             <pre>{escaped}</pre><p><button onclick=\"location.reload()\">重新加载 · Reload</button></p>"
        ));
        let _ = body.prepend_with_node_1(&panel);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    std::panic::set_hook(Box::new(show_panic));
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    register_service_worker();
    yew::Renderer::<cordon_web::app::App>::new().render();
}

/// Offline after the first visit: register the service worker when served
/// over HTTP(S) (not from a `file:` URL, where browsers do not allow one).
#[cfg(target_arch = "wasm32")]
fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol == "http:" || protocol == "https:" {
        let _ = window.navigator().service_worker().register("sw.js");
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "cordon-web runs in a browser: build it with `./x build` or serve it with `./x serve`."
    );
    std::process::exit(2);
}
