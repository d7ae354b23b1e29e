//! The after-action report (复盘): the timeline of injects and decisions
//! with their days, the outcome of the line played against the same run
//! with the same injects and no decisions (key numbers and a chart), and a
//! notes field per department for the evaluators. Printable (the browser's
//! print, the rest of the page hidden) and exported as the exercise's JSON.

use super::drill_chart::{ChartLine, LineChart};
use crate::charts::{BLUE, GREY};
use crate::drill::{
    department_name, describe_decision, inject_message, measure_values, DrillAction, DrillState,
    MEASURES,
};
use crate::i18n::{number, t, tf, Lang};
use cordon_engine::drill::{key_numbers, Department, KeyNumbers};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Properties of the report.
#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub state: DrillState,
    pub dispatch: Callback<DrillAction>,
}

fn day_or_dash(day: Option<u32>) -> String {
    day.map_or_else(|| "–".to_string(), |d| d.to_string())
}

fn key_rows(lang: Lang, played: &KeyNumbers, without: &KeyNumbers) -> Html {
    let n = |v: f32| number(lang, f64::from(v).round());
    let rows = [
        (
            "drill.key.local",
            n(played.local_infections),
            n(without.local_infections),
        ),
        (
            "drill.key.detected",
            n(played.detected),
            n(without.detected),
        ),
        (
            "drill.key.undetected",
            n(played.undetected as f32),
            n(without.undetected as f32),
        ),
        (
            "drill.key.detection_day",
            day_or_dash(played.first_local_detection_day),
            day_or_dash(without.first_local_detection_day),
        ),
        (
            "drill.key.peak_rooms",
            n(played.peak_rooms_needed),
            n(without.peak_rooms_needed),
        ),
        (
            "drill.key.peak_beds",
            n(played.peak_beds_needed),
            n(without.peak_beds_needed),
        ),
        (
            "drill.key.days_over",
            played.days_over_capacity.any.to_string(),
            without.days_over_capacity.any.to_string(),
        ),
    ];
    html! {
        <table class="key-numbers" data-testid="report-key-numbers">
            <thead><tr>
                <th scope="col"></th>
                <th scope="col">{ t(lang, "drill.report.played") }</th>
                <th scope="col">{ t(lang, "drill.report.without") }</th>
            </tr></thead>
            <tbody>
                { for rows.into_iter().map(|(key, a, b)| html! {
                    <tr data-testid={key.replace('.', "-")}><th scope="row">{ t(lang, key) }</th><td>{ a }</td><td>{ b }</td></tr>
                }) }
            </tbody>
        </table>
    }
}

/// The report, when open.
#[function_component(Report)]
pub fn report(props: &ReportProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let Some(without) = &state.report else {
        return html! {};
    };
    let played = key_numbers(&state.days);
    let baseline = key_numbers(without);
    let close = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.emit(DrillAction::CloseReport))
    };
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let export = {
        let exercise = state.exercise.clone();
        Callback::from(move |_| {
            let text = cordon_engine::drill::exercise_json(&exercise);
            let _ = crate::share::download_text(&text, "application/json", "cordon-exercise.json");
        })
    };
    // The timeline: injects and decisions by day.
    let scenario = &state.exercise.scenario;
    let (injects, decisions) = state.events();
    let mut timeline: Vec<(u32, String)> = injects
        .iter()
        .filter(|i| i.day <= state.day())
        .map(|i| {
            let message = inject_message(lang, scenario, &i.inject);
            (i.day, tf(lang, "drill.report.inject", &[("what", message)]))
        })
        .collect();
    timeline.extend(
        decisions
            .iter()
            .filter(|d| d.day <= state.day())
            .map(|d| (d.day, describe_decision(lang, scenario, d))),
    );
    timeline.sort_by_key(|(day, _)| *day);
    // The truth once revealed, else what the room knows.
    let measure = &MEASURES[if state.revealed { 2 } else { 0 }];
    html! {
        <section class="report drill-report" aria-labelledby="report-title" data-testid="report">
            <div class="report-head">
                <h2 id="report-title">{ t(lang, "drill.report.title") }</h2>
                <div class="report-actions">
                    <button onclick={print} data-testid="report-print">{ t(lang, "drill.report.print") }</button>
                    <button onclick={export} data-testid="report-export">{ t(lang, "drill.report.export") }</button>
                    <button onclick={close} data-testid="report-close">{ t(lang, "drill.report.close") }</button>
                </div>
            </div>
            <p>{ tf(lang, "drill.report.summary", &[
                ("title", crate::export::display_name(lang, &state.exercise.title)),
                ("run", state.exercise.run.to_string()),
                ("day", state.day().to_string()),
                ("line", state.line_name(state.line)),
            ]) }</p>
            <h3>{ t(lang, "drill.report.timeline") }</h3>
            if timeline.is_empty() {
                <p class="none">{ t(lang, "drill.report.nothing") }</p>
            }
            <ol class="report-timeline" data-testid="report-timeline">
                { for timeline.into_iter().map(|(day, what)| html! {
                    <li><strong>{ tf(lang, "drill.day", &[("day", day.to_string())]) }</strong>{ " · " }{ what }</li>
                }) }
            </ol>
            <h3>{ t(lang, "drill.report.outcome") }</h3>
            { key_rows(lang, &played, &baseline) }
            <p class="hint">{ t(lang, "drill.report.definitions") }</p>
            <LineChart
                id="chart-counterfactual"
                title={t(lang, measure.key)}
                {lang}
                lines={vec![
                    ChartLine { label: t(lang, "drill.report.played"), color: BLUE, values: measure_values(&state.days, measure), dashed: false },
                    ChartLine { label: t(lang, "drill.report.without"), color: GREY, values: measure_values(without, measure), dashed: true },
                ]}
            />
            <h3>{ t(lang, "drill.report.notes") }</h3>
            <div class="notes">
                { for Department::ALL.iter().map(|dep| {
                    let dep = *dep;
                    let d = props.dispatch.clone();
                    let oninput = Callback::from(move |e: InputEvent| {
                        let area: HtmlTextAreaElement = e.target_unchecked_into();
                        d.emit(DrillAction::SetNote(dep, area.value()));
                    });
                    html! {
                        <label class="field note">
                            <span>{ department_name(lang, dep) }</span>
                            <textarea rows="3" value={state.exercise.notes.get(&dep).cloned().unwrap_or_default()} {oninput} data-testid={format!("note-{}", dep.key())} />
                        </label>
                    }
                }) }
            </div>
        </section>
    }
}
