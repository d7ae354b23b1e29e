//! The drill's day header: "Day N" / "第 N 天" in large type for a
//! projector, with the exercise's name (the loaded preset's or the
//! exercise's title), the line shown and the realisation played.

use crate::drill::DrillState;
use crate::i18n::tf;
use yew::prelude::*;

/// Properties of the day header.
#[derive(Properties, PartialEq)]
pub struct DayHeaderProps {
    pub state: DrillState,
}

/// The current day, the exercise's name, the horizon, the line and the run.
#[function_component(DayHeader)]
pub fn day_header(props: &DayHeaderProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let line = state.line_name(state.line);
    html! {
        <div class="day-header">
            <h2 class="day" data-testid="drill-day" aria-live="polite">
                { tf(lang, "drill.day", &[("day", state.day().to_string())]) }
            </h2>
            if let Some(title) = state.title() {
                <p class="drill-title" data-testid="drill-title">{ title }</p>
            }
            <p class="day-of">
                { tf(lang, "drill.day_of", &[("days", state.horizon().to_string())]) }
                { " · " }<span data-testid="drill-line">{ line }</span>
                { " · " }<span data-testid="drill-run">{ tf(lang, "drill.run", &[("run", state.exercise.run.to_string())]) }</span>
            </p>
        </div>
    }
}
