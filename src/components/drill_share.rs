//! Following on phones and a projector: the read-only room display's link
//! and its QR code (the share panel's [`crate::export::qr_svg`]), and a
//! button opening it in a new window. Windows of this browser follow each
//! step live; phones see the state when they open or refresh the link
//! (Cordon has no server to push to them), which the panel says.

use crate::i18n::{t, Lang};
use yew::prelude::*;

/// Properties of the phones panel.
#[derive(Properties, PartialEq)]
pub struct SharePhonesProps {
    pub lang: Lang,
    /// The room display's full address.
    pub room_link: String,
}

/// The link, its QR code and the projector button.
#[function_component(SharePhones)]
pub fn share_phones(props: &SharePhonesProps) -> Html {
    let lang = props.lang;
    let show_qr = use_state_eq(|| false);
    let qr = use_memo(props.room_link.clone(), |link| crate::export::qr_svg(link));
    let open_window = {
        let link = props.room_link.clone();
        Callback::from(move |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.open_with_url_and_target(&link, "cordon-room");
            }
        })
    };
    let toggle = {
        let show_qr = show_qr.clone();
        Callback::from(move |_| show_qr.set(!*show_qr))
    };
    html! {
        <section class="drill-panel phones" aria-labelledby="phones-title">
            <h3 id="phones-title">{ t(lang, "drill.phones_title") }</h3>
            <input class="link-text" readonly=true value={props.room_link.clone()} aria-label={t(lang, "drill.room_link")} data-testid="room-link" />
            <div class="inline">
                <button onclick={open_window} data-testid="open-room-window">{ t(lang, "drill.open_room") }</button>
                <button onclick={toggle} aria-expanded={show_qr.to_string()} data-testid="room-qr-toggle">{ t(lang, "share.qr.toggle") }</button>
            </div>
            if *show_qr {
                if let Some(svg) = (*qr).clone() {
                    <div class="qr" role="img" aria-label={t(lang, "drill.room_qr")} data-testid="room-qr">
                        { Html::from_html_unchecked(AttrValue::from(svg)) }
                    </div>
                } else {
                    <p class="hint">{ t(lang, "drill.qr_too_long") }</p>
                }
            }
            <p class="hint">{ t(lang, "drill.phones_note") }</p>
        </section>
    }
}
