//! The room display: what the command centre knows at the end of the day
//! (detected cases, people in quarantine, rooms, beds and tests used
//! against capacity, checkpoint queues, the tracing backlog, grid workers'
//! load), in big numbers, and the injects fired so far as messages.

use crate::drill::{fill, inject_message, DrillState};
use crate::i18n::{number, percent, t, tf, Lang};
use yew::prelude::*;

/// Properties of the room display.
#[derive(Properties, PartialEq)]
pub struct RoomProps {
    pub state: DrillState,
}

/// One big number, with its capacity and a bar when it has one.
fn tile(lang: Lang, id: &str, label: &str, value: f32, capacity: Option<f32>) -> Html {
    needed_tile(lang, id, label, value, value, capacity)
}

/// A tile whose need may exceed what is in use (people sent home for want
/// of a room, cases turned away for want of a bed).
fn needed_tile(
    lang: Lang,
    id: &str,
    label: &str,
    value: f32,
    needed: f32,
    capacity: Option<f32>,
) -> Html {
    let (value, needed, capacity) = (f64::from(value), f64::from(needed), capacity.map(f64::from));
    let share = fill(value, capacity);
    let over = fill(needed, capacity).is_some_and(|s| s > 1.0) || share.is_some_and(|s| s > 1.0);
    let short = (needed > value + 0.5).then_some(needed - value);
    let width = share.map(|s| format!("width: {:.0}%", (s.min(1.0) * 100.0).max(0.0)));
    html! {
        <div class={classes!("tile", over.then_some("over"))} data-testid={id.to_string()}>
            <span class="tile-label">{ label.to_string() }</span>
            <strong class="tile-value">{ number(lang, value.round()) }</strong>
            if let Some(c) = capacity.filter(|c| c.is_finite()) {
                <span class="tile-capacity">{ tf(lang, "drill.of_capacity", &[("capacity", number(lang, c.round()))]) }</span>
                <span class="bar" aria-hidden="true"><span style={width.unwrap_or_default()}></span></span>
            }
            if let Some(short) = short {
                <span class="tile-over">{ tf(lang, "drill.short_of", &[("count", number(lang, short.round()))]) }</span>
            } else if over {
                <span class="tile-over">{ t(lang, "drill.over_capacity") }</span>
            }
        </div>
    }
}

/// The room's numbers and messages.
#[function_component(RoomDisplay)]
pub fn room_display(props: &RoomProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let day = state.day();
    let scenario = &state.exercise.scenario;
    let mut injects = state.events().0;
    injects.retain(|i| i.day <= day);
    injects.sort_by_key(|i| std::cmp::Reverse(i.day));
    let messages: Vec<(u32, String)> = injects
        .iter()
        .map(|i| (i.day, inject_message(lang, scenario, &i.inject)))
        .collect();
    let Some(room) = state.today().map(|d| d.room.clone()) else {
        return html! {
            <section class="room" aria-label={t(lang, "drill.room_title")} data-testid="room">
                <p class="room-empty">{ t(lang, "drill.not_started") }</p>
            </section>
        };
    };
    html! {
        <section class="room" aria-label={t(lang, "drill.room_title")} data-testid="room">
            <div class="tiles">
                { tile(lang, "room-detected-today", &t(lang, "drill.room.detected_today"), room.detected_new, None) }
                { tile(lang, "room-detected", &t(lang, "drill.room.detected_total"), room.detected_total, None) }
                { needed_tile(lang, "room-rooms", &t(lang, "drill.room.rooms"), room.rooms_occupied, room.rooms_needed, room.rooms_capacity) }
                { tile(lang, "room-home", &t(lang, "drill.room.home"), room.home_quarantine, None) }
                { needed_tile(lang, "room-beds", &t(lang, "drill.room.beds"), room.beds_occupied, room.beds_needed, room.beds_capacity) }
                { tile(lang, "room-tests", &t(lang, "drill.room.tests"), room.tests_done, room.tests_capacity) }
                { tile(lang, "room-test-backlog", &t(lang, "drill.room.test_backlog"), room.test_backlog, None) }
                { tile(lang, "room-tracing", &t(lang, "drill.room.tracing"), room.tracing_backlog, None) }
                { tile(lang, "room-queue", &t(lang, "drill.room.queue"), room.checkpoint_queue, None) }
                { tile(lang, "room-wait", &t(lang, "drill.room.wait"), room.checkpoint_wait_minutes, Some(cordon_engine::sim::MAX_ACCEPTABLE_WAIT_MINUTES as f32)) }
                <div class={classes!("tile", room.grid_utilisation.is_none_or(|g| g > 1.0).then_some("over"))} data-testid="room-grid">
                    <span class="tile-label">{ t(lang, "drill.room.grid") }</span>
                    <strong class="tile-value">{ room.grid_utilisation.map_or_else(|| "–".to_string(), |g| percent(f64::from(g))) }</strong>
                    <span class="tile-capacity">{ t(lang, if room.grid_utilisation.is_none_or(|g| g > 1.0) { "drill.room.grid_over" } else { "drill.room.grid_ok" }) }</span>
                </div>
            </div>
            if room.zones_active {
                <p class="zones" data-testid="room-zones">{ t(lang, "drill.room.zones") }</p>
            }
            <div class="messages" aria-live="polite">
                <h3>{ t(lang, "drill.messages") }</h3>
                if messages.is_empty() {
                    <p class="none">{ t(lang, "drill.no_messages") }</p>
                }
                <ul data-testid="room-messages">
                    { for messages.into_iter().map(|(d, m)| html! {
                        <li class={classes!((d == day).then_some("new"))}>
                            <strong>{ tf(lang, "drill.day", &[("day", d.to_string())]) }</strong>{ " · " }{ m }
                        </li>
                    }) }
                </ul>
            </div>
        </section>
    }
}
