//! The sharing panel: the scenario link (copy, QR code), scenario files
//! (save, open, drag and drop), results exports (CSV, chart PNGs) and the
//! printable report.
//!
//! Everything that can be computed without a browser (CSV, JSON, messages,
//! the QR code) lives in [`crate::export`]; this module only moves it to the
//! clipboard, a download or the page. Nothing leaves the machine: downloads
//! are blobs clicked from a temporary link.

use crate::charts;
use crate::export::{self, ScenarioFileError, CHARTS};
use crate::i18n::{number, t, tf, Lang};
use cordon_engine::{FieldError, Results, Scenario};
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, DragEvent, HtmlAnchorElement, HtmlInputElement, Url};
use yew::prelude::*;

/// Properties of the sharing panel.
#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub scenario: Scenario,
    pub results: Option<Rc<Results>>,
    pub lang: Lang,
    pub on_load: Callback<Scenario>,
}

/// Feedback about the link.
#[derive(Clone, Debug, PartialEq)]
enum LinkNotice {
    Copied,
    CopyManual,
}

/// Feedback about a scenario file.
#[derive(Clone, Debug, PartialEq)]
enum FileNotice {
    Saved(String),
    Opened {
        file: String,
        name: String,
    },
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    Invalid {
        file: String,
        errors: Vec<FieldError>,
    },
    NotJson(String),
    TooLarge(String),
    ReadFailed(String),
}

/// Feedback about an export.
#[derive(Clone, Debug, PartialEq)]
enum ExportNotice {
    Downloaded(String),
    NoChart(&'static str),
    Failed,
}

/// The page's address without its fragment.
pub(crate) fn page_base() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Starts a download of `parts` (strings or byte arrays) as `name`.
fn download(parts: &js_sys::Array, mime: &str, name: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let document = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    let bag = BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(parts, &bag)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    // Give the browser a moment to start reading the blob before revoking it.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

pub(crate) fn download_text(text: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    download(&js_sys::Array::of1(&JsValue::from_str(text)), mime, name)
}

/// A chart as a PNG at print resolution, with a title block naming the
/// chart, the scenario, the date and the link (see [`charts::draw_print`]).
/// `Ok(false)` when there is no such chart.
fn download_chart(
    id: &str,
    title_key: &str,
    results: &Results,
    scenario: &Scenario,
    link: &str,
    lang: Lang,
) -> Result<bool, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let document = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let date: String = String::from(js_sys::Date::new_0().to_iso_string())
        .chars()
        .take(10)
        .collect();
    let name = export::display_name(lang, &scenario.name);
    let lines = vec![
        format!("{}{colon}{name} · {date}", t(lang, "app.preset")),
        format!("{}{colon}{link}", t(lang, "share.report.link")),
    ];
    let event_days: Vec<u32> = scenario.timeline.iter().map(|e| e.day).collect();
    let title = t(lang, title_key);
    let heading = charts::PrintTitle {
        title: &title,
        lines: &lines,
    };
    let Some(canvas) = charts::draw_print(&document, id, results, &event_days, lang, &heading)
        .map_err(|e| JsValue::from_str(&e))?
    else {
        return Ok(false);
    };
    let data_url = canvas.to_data_url_with_type("image/png")?;
    let base64 = data_url.split_once(',').map(|(_, b)| b).unwrap_or_default();
    let binary = window.atob(base64)?;
    let bytes: Vec<u8> = binary.chars().map(|c| c as u32 as u8).collect();
    let array = js_sys::Uint8Array::from(bytes.as_slice());
    download(
        &js_sys::Array::of1(&array),
        "image/png",
        &export::chart_file_name(id),
    )?;
    Ok(true)
}

/// Whether a drag carries files (not text being moved between inputs).
fn carries_files(event: &DragEvent) -> bool {
    event
        .data_transfer()
        .map(|dt| dt.types().includes(&JsValue::from_str("Files"), 0))
        .unwrap_or(false)
}

/// Reads, checks and (when valid) loads a scenario file.
fn open_file(
    file: web_sys::File,
    on_load: Rc<RefCell<Callback<Scenario>>>,
    notice: UseStateHandle<Option<FileNotice>>,
) {
    let name = file.name();
    let lower = name.to_lowercase();
    if !(lower.ends_with(".json") || file.type_() == "application/json") {
        notice.set(Some(FileNotice::NotJson(name)));
        return;
    }
    if file.size() > export::MAX_SCENARIO_FILE_BYTES {
        notice.set(Some(FileNotice::TooLarge(name)));
        return;
    }
    let file = gloo::file::File::from(file);
    yew::platform::spawn_local(async move {
        let text = match gloo::file::futures::read_as_text(&file).await {
            Ok(text) => text,
            Err(_) => {
                notice.set(Some(FileNotice::ReadFailed(name)));
                return;
            }
        };
        // The page opens what it can of the file: values the engine refuses
        // stay in their inputs with the problem (see `planner`), and are
        // listed here too.
        match export::scenario_from_json(&text) {
            Ok(scenario) => {
                let title = scenario.name.clone();
                let problems = cordon_engine::validate(&scenario).err();
                let callback = on_load.borrow().clone();
                callback.emit(scenario);
                notice.set(Some(match problems {
                    None => FileNotice::Opened {
                        file: name,
                        name: title,
                    },
                    Some(errors) => FileNotice::Invalid {
                        file: name,
                        errors: errors.0,
                    },
                }));
            }
            Err(ScenarioFileError::Syntax {
                line,
                column,
                message,
            }) => notice.set(Some(FileNotice::Syntax {
                line,
                column,
                message,
            })),
            Err(ScenarioFileError::Invalid(errors)) => notice.set(Some(FileNotice::Invalid {
                file: name,
                errors: errors.0,
            })),
        }
    });
}

/// The sharing panel.
#[function_component(SharePanel)]
pub fn share_panel(props: &SharePanelProps) -> Html {
    let lang = props.lang;
    let link_ref = use_node_ref();
    let file_ref = use_node_ref();
    let show_qr = use_state_eq(|| false);
    let dragging = use_state_eq(|| false);
    let link_notice = use_state_eq(|| None::<LinkNotice>);
    let file_notice = use_state_eq(|| None::<FileNotice>);
    let export_notice = use_state_eq(|| None::<ExportNotice>);
    // The newest `on_load`, for the page-wide drop listener registered once.
    let on_load = use_mut_ref(|| props.on_load.clone());
    *on_load.borrow_mut() = props.on_load.clone();

    let fragment = use_memo(props.scenario.clone(), cordon_engine::link::encode);
    let link = format!("{}#{}", page_base(), fragment);
    let link_chars = link.chars().count();
    {
        // A new link has not been copied yet.
        let link_notice = link_notice.clone();
        use_effect_with(fragment.clone(), move |_| link_notice.set(None));
    }
    // The printed report always carries the link's QR code.
    let report_qr = use_memo(link.clone(), |link| export::qr_svg(link));
    let qr = use_memo((link.clone(), *show_qr), |(link, show)| {
        if *show {
            export::qr_svg(link)
        } else {
            None
        }
    });

    // Drag and drop anywhere on the page.
    {
        let dragging = dragging.clone();
        let on_load = on_load.clone();
        let file_notice = file_notice.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window()
                .and_then(|w| w.document())
                .map(|document| {
                    let options = EventListenerOptions::enable_prevent_default();
                    let over = {
                        let dragging = dragging.clone();
                        EventListener::new_with_options(&document, "dragover", options, move |e| {
                            let Some(e) = e.dyn_ref::<DragEvent>() else {
                                return;
                            };
                            if carries_files(e) {
                                e.prevent_default();
                                if let Some(dt) = e.data_transfer() {
                                    dt.set_drop_effect("copy");
                                }
                                dragging.set(true);
                            }
                        })
                    };
                    let leave = {
                        let dragging = dragging.clone();
                        EventListener::new(&document, "dragleave", move |e| {
                            let Some(e) = e.dyn_ref::<DragEvent>() else {
                                return;
                            };
                            // Leaving the window, not just moving between elements.
                            if e.related_target().is_none() {
                                dragging.set(false);
                            }
                        })
                    };
                    let drop =
                        EventListener::new_with_options(&document, "drop", options, move |e| {
                            let Some(e) = e.dyn_ref::<DragEvent>() else {
                                return;
                            };
                            dragging.set(false);
                            if !carries_files(e) {
                                return;
                            }
                            e.prevent_default();
                            if let Some(file) = e
                                .data_transfer()
                                .and_then(|dt| dt.files())
                                .and_then(|files| files.get(0))
                            {
                                open_file(file, on_load.clone(), file_notice.clone());
                            }
                        });
                    (over, leave, drop)
                });
            move || drop(listeners)
        });
    }

    let copy = {
        let link = link.clone();
        let link_ref = link_ref.clone();
        let link_notice = link_notice.clone();
        Callback::from(move |_: MouseEvent| {
            let select = {
                let link_ref = link_ref.clone();
                let link_notice = link_notice.clone();
                move || {
                    if let Some(input) = link_ref.cast::<HtmlInputElement>() {
                        let _ = input.focus();
                        input.select();
                    }
                    link_notice.set(Some(LinkNotice::CopyManual));
                }
            };
            let Some(window) = web_sys::window() else {
                return;
            };
            let navigator = window.navigator();
            let available = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
                .map(|c| !c.is_undefined() && !c.is_null())
                .unwrap_or(false);
            if !available {
                select();
                return;
            }
            let promise = navigator.clipboard().write_text(&link);
            let link_notice = link_notice.clone();
            yew::platform::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(promise).await {
                    Ok(_) => link_notice.set(Some(LinkNotice::Copied)),
                    Err(_) => select(),
                }
            });
        })
    };
    let select_link = Callback::from(|e: FocusEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    let toggle_qr = {
        let show_qr = show_qr.clone();
        Callback::from(move |_: MouseEvent| show_qr.set(!*show_qr))
    };

    let save = {
        let scenario = props.scenario.clone();
        let file_notice = file_notice.clone();
        Callback::from(move |_: MouseEvent| {
            let text = export::scenario_json(&scenario);
            match download_text(&text, "application/json", export::SCENARIO_FILE) {
                Ok(()) => file_notice.set(Some(FileNotice::Saved(export::SCENARIO_FILE.into()))),
                Err(_) => {
                    file_notice.set(Some(FileNotice::ReadFailed(export::SCENARIO_FILE.into())))
                }
            }
        })
    };
    let pick = {
        let file_ref = file_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_ref.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let picked = {
        let on_load = on_load.clone();
        let file_notice = file_notice.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                open_file(file, on_load.clone(), file_notice.clone());
            }
            // The same file can be opened again.
            input.set_value("");
        })
    };

    let export_csv = |which: &'static str| {
        let results = props.results.clone();
        let scenario = props.scenario.clone();
        let export_notice = export_notice.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(results) = &results else { return };
            let (text, name) = match which {
                "daily" => (export::daily_csv(results), export::DAILY_FILE),
                "gateways" => (export::gateways_csv(results), export::GATEWAYS_FILE),
                "line_list" => match export::line_list_csv(&scenario) {
                    Some(text) => (text, export::LINE_LIST_FILE),
                    None => {
                        export_notice.set(Some(ExportNotice::Failed));
                        return;
                    }
                },
                _ => (export::summary_csv(results), export::SUMMARY_FILE),
            };
            export_notice.set(Some(
                match download_text(&text, "text/csv;charset=utf-8", name) {
                    Ok(()) => ExportNotice::Downloaded(name.into()),
                    Err(_) => ExportNotice::Failed,
                },
            ));
        })
    };
    let export_chart = |id: &'static str, title: &'static str| {
        let export_notice = export_notice.clone();
        let results = props.results.clone();
        let scenario = props.scenario.clone();
        let link = link.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(results) = results.as_ref() else {
                export_notice.set(Some(ExportNotice::NoChart(title)));
                return;
            };
            export_notice.set(Some(
                match download_chart(id, title, results, &scenario, &link, lang) {
                    Ok(true) => ExportNotice::Downloaded(export::chart_file_name(id)),
                    Ok(false) => ExportNotice::NoChart(title),
                    Err(_) => ExportNotice::Failed,
                },
            ));
        })
    };
    // Escape closes the chart menu and returns to its summary.
    // (Yew delegates events, so the menu is found by reference, not as the
    // event's current target.)
    let menu_ref = use_node_ref();
    let menu_keys = {
        let menu_ref = menu_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Escape" {
                return;
            }
            let Some(details) = menu_ref.cast::<web_sys::Element>() else {
                return;
            };
            if details.has_attribute("open") {
                e.prevent_default();
                let _ = details.remove_attribute("open");
                if let Some(summary) = details
                    .query_selector("summary")
                    .ok()
                    .flatten()
                    .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = summary.focus();
                }
            }
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });

    let link_status = match &*link_notice {
        Some(LinkNotice::Copied) => {
            html! { <span class="notice ok" data-testid="share-copied">{ "✓ " }{ t(lang, "share.copied") }</span> }
        }
        Some(LinkNotice::CopyManual) => {
            html! { <span class="notice warn" data-testid="share-copy-manual">{ "ⓘ " }{ t(lang, "share.copy_manual") }</span> }
        }
        None => html! {},
    };
    let qr_view = if *show_qr {
        let body = match &*qr {
            Some(svg) => html! {
                <>
                    <div class="qr-image" role="img" aria-label={t(lang, "share.qr.label")}>
                        { Html::from_html_unchecked(AttrValue::from(svg.clone())) }
                    </div>
                    <p class="hint">{ t(lang, "share.qr.hint") }</p>
                </>
            },
            None => html! {
                <p class="notice warn" data-testid="share-qr-too-long">
                    { "ⓘ " }
                    { tf(lang, "share.qr.too_long", &[
                        ("count", number(lang, link_chars as f64)),
                        ("max", number(lang, export::MAX_QR_CHARS as f64)),
                    ]) }
                </p>
            },
        };
        html! { <div id="share-qr" class="share-qr" data-testid="share-qr">{ body }</div> }
    } else {
        html! {}
    };

    let file_status = match &*file_notice {
        None => html! {},
        Some(FileNotice::Saved(file)) => html! {
            <p class="notice ok">{ "✓ " }{ tf(lang, "share.file.saved", &[("file", file.clone())]) }</p>
        },
        Some(FileNotice::Opened { file, name }) => html! {
            <p class="notice ok" data-testid="share-file-opened">{ "✓ " }{ tf(lang, "share.file.opened", &[("file", file.clone()), ("name", export::display_name(lang, name))]) }</p>
        },
        Some(FileNotice::Syntax {
            line,
            column,
            message,
        }) => html! {
            <p class="notice error" data-testid="share-file-problem">{ "⚠ " }{ crate::problems::syntax_text(lang, *line, *column, message) }</p>
        },
        Some(FileNotice::Invalid { file, errors }) => html! {
            <div class="notice error" data-testid="share-file-problem">
                <p>{ "⚠ " }{ tf(lang, "share.file.invalid", &[("file", file.clone())]) }</p>
                <ul>
                    { for errors.iter().map(|e| html! { <li>{ crate::problems::error_text(lang, e) }</li> }) }
                </ul>
            </div>
        },
        Some(FileNotice::NotJson(file)) => html! {
            <p class="notice error" data-testid="share-file-problem">{ "⚠ " }{ tf(lang, "share.file.not_json", &[("file", file.clone())]) }</p>
        },
        Some(FileNotice::TooLarge(file)) => html! {
            <p class="notice error" data-testid="share-file-problem">{ "⚠ " }{ tf(lang, "share.file.too_large", &[("file", file.clone())]) }</p>
        },
        Some(FileNotice::ReadFailed(file)) => html! {
            <p class="notice error" data-testid="share-file-problem">{ "⚠ " }{ tf(lang, "share.file.read_failed", &[("file", file.clone())]) }</p>
        },
    };
    let file_is_error = matches!(
        &*file_notice,
        Some(
            FileNotice::Syntax { .. }
                | FileNotice::Invalid { .. }
                | FileNotice::NotJson(_)
                | FileNotice::TooLarge(_)
                | FileNotice::ReadFailed(_)
        )
    );

    let export_status = match &*export_notice {
        None => html! {},
        Some(ExportNotice::Downloaded(file)) => html! {
            <span class="notice ok">{ "✓ " }{ tf(lang, "share.downloaded", &[("file", file.clone())]) }</span>
        },
        Some(ExportNotice::NoChart(title)) => html! {
            <span class="notice error">{ "⚠ " }{ tf(lang, "share.export.no_chart", &[("title", t(lang, title))]) }</span>
        },
        Some(ExportNotice::Failed) => html! {
            <span class="notice error">{ "⚠ " }{ t(lang, "share.export.failed") }</span>
        },
    };
    let has_results = props.results.is_some();
    let partial = props
        .results
        .as_ref()
        .filter(|r| r.runs < r.runs_planned)
        .map(|r| {
            tf(
                lang,
                "share.export.partial",
                &[
                    ("done", number(lang, f64::from(r.runs))),
                    ("total", number(lang, f64::from(r.runs_planned))),
                ],
            )
        });

    let scenario = &props.scenario;
    let class = classes!("share-panel", (*dragging).then_some("dragging"));
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    html! {
        <section class={class} aria-labelledby="share-title" data-testid="share-panel">
            <h2 id="share-title">{ t(lang, "share.title") }</h2>
            if *dragging {
                <p class="drop-target" aria-hidden="true">{ t(lang, "share.file.drop_now") }</p>
            }
            <div class="share-row share-link">
                <label for="share-link-input">{ t(lang, "share.link.label") }</label>
                <input
                    id="share-link-input"
                    ref={link_ref}
                    class="link-text"
                    readonly=true
                    value={link.clone()}
                    aria-describedby="share-link-length"
                    onfocus={select_link}
                    data-testid="share-link"
                />
                <span id="share-link-length" class="hint" data-testid="share-link-length">
                    { tf(lang, "share.link.length", &[("count", number(lang, link_chars as f64))]) }
                </span>
            </div>
            <div class="share-row">
                <button type="button" onclick={copy} data-testid="share-copy">{ t(lang, "share.copy") }</button>
                <button
                    type="button"
                    onclick={toggle_qr}
                    aria-pressed={show_qr.to_string()}
                    aria-controls={show_qr.then_some("share-qr")}
                    data-testid="share-qr-toggle"
                >
                    { t(lang, "share.qr.toggle") }
                </button>
                <span class="status-line" role="status" aria-live="polite">{ link_status }</span>
            </div>
            { qr_view }
            <div class="share-row share-files" role="group" aria-label={t(lang, "share.file.title")}>
                <button type="button" onclick={save} data-testid="share-save">{ t(lang, "share.file.save") }</button>
                <button type="button" onclick={pick} data-testid="share-open">{ t(lang, "share.file.open") }</button>
                <input
                    type="file"
                    ref={file_ref}
                    class="visually-hidden"
                    accept=".json,application/json"
                    tabindex="-1"
                    aria-hidden="true"
                    onchange={picked}
                    data-testid="share-open-input"
                />
                <span class="hint">{ t(lang, "share.file.drop_hint") }</span>
            </div>
            <div class="file-status" role={if file_is_error { "alert" } else { "status" }} aria-live="polite">
                { file_status }
            </div>
            <div class="share-row share-exports" role="group" aria-label={t(lang, "share.exports.title")}>
                <button type="button" disabled={!has_results} onclick={export_csv("daily")} data-testid="share-daily-csv">{ t(lang, "share.export.daily") }</button>
                <button type="button" disabled={!has_results} onclick={export_csv("summary")} data-testid="share-summary-csv">{ t(lang, "share.export.summary") }</button>
                <button type="button" disabled={!has_results} onclick={export_csv("gateways")} data-testid="share-gateways-csv">{ t(lang, "share.export.gateways") }</button>
                <button type="button" disabled={!has_results} onclick={export_csv("line_list")} data-testid="share-line-list-csv">{ t(lang, "share.export.line_list") }</button>
                if has_results {
                    <details class="chart-exports" data-testid="share-charts" ref={menu_ref} onkeydown={menu_keys}>
                        <summary>{ t(lang, "share.export.charts") }</summary>
                        <ul>
                            { for CHARTS.iter().map(|(id, title)| html! {
                                <li>
                                    <button
                                        type="button"
                                        onclick={export_chart(id, title)}
                                        aria-label={tf(lang, "share.export.chart", &[("title", t(lang, title))])}
                                        data-testid={format!("share-png-{id}")}
                                    >
                                        { t(lang, title) }{ " (PNG)" }
                                    </button>
                                </li>
                            }) }
                        </ul>
                    </details>
                } else {
                    <button type="button" disabled=true>{ t(lang, "share.export.charts") }</button>
                }
                <button type="button" onclick={print} data-testid="share-print">{ t(lang, "share.print") }</button>
                <span class="status-line" role="status" aria-live="polite">{ export_status }</span>
            </div>
            if !has_results {
                <p class="hint">{ t(lang, "share.export.waiting") }</p>
            } else if let Some(text) = partial {
                <p class="hint">{ text }</p>
            }
            <section class="report-assumptions" aria-labelledby="report-title" data-testid="report-assumptions">
                <h2 id="report-title">
                    { t(lang, "share.report.title") }
                    if !scenario.name.is_empty() {
                        { colon }<span data-testid="report-name">{ export::display_name(lang, &scenario.name) }</span>
                    }
                </h2>
                <h3>{ t(lang, "share.report.assumptions") }</h3>
                <dl>
                    { for export::assumptions(lang, scenario).into_iter().map(|(label, value)| html! {
                        <>
                            <dt>{ label }</dt>
                            <dd>{ value }</dd>
                        </>
                    }) }
                </dl>
                <h3>{ t(lang, "share.report.gateways_title") }</h3>
                <dl data-testid="report-gateways">
                    { for export::gateway_rows(lang, scenario).into_iter().map(|(label, value)| html! {
                        <>
                            <dt>{ label }</dt>
                            <dd>{ value }</dd>
                        </>
                    }) }
                </dl>
                <h3>{ t(lang, "share.report.timeline_title") }</h3>
                <ol class="report-timeline" data-testid="report-timeline">
                    { for export::timeline_rows(lang, scenario).into_iter().map(|text| html! { <li>{ text }</li> }) }
                </ol>
                if scenario.timeline.is_empty() {
                    <p>{ t(lang, "event.none") }</p>
                }
                <p class="report-link">
                    { t(lang, "share.report.link") }{ colon }<span>{ link.clone() }</span>
                </p>
                if let Some(svg) = &*report_qr {
                    <div class="qr-image report-qr" role="img" aria-label={t(lang, "share.qr.label")}>
                        { Html::from_html_unchecked(AttrValue::from(svg.clone())) }
                    </div>
                }
            </section>
        </section>
    }
}
