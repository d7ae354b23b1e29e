//! Branches ("what if we had…"): fork the main line after a day already
//! played into a branch with its own decisions, switch between the lines,
//! and compare them on one chart. The main line is never lost.

use super::drill_chart::{ChartLine, LineChart};
use crate::charts::{BLUE, VERMILLION};
use crate::drill::{measure_values, DrillAction, DrillState, MEASURES};
use crate::i18n::{t, tf};
use cordon_engine::drill::Line;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of the branches panel.
#[derive(Properties, PartialEq)]
pub struct BranchesProps {
    pub state: DrillState,
    pub dispatch: Callback<DrillAction>,
}

/// The fork form, the line switch and the comparison chart.
#[function_component(Branches)]
pub fn branches(props: &BranchesProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let after = use_state(String::new);
    let name = use_state(String::new);
    let measure = use_state(|| 0usize);
    let fork = {
        let d = props.dispatch.clone();
        let (after, name) = (after.clone(), name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // Not a day: refused by the reducer, which says which days.
            let from_day = after
                .trim()
                .parse::<u32>()
                .map_or(0, |d| d.saturating_add(1));
            d.emit(DrillAction::Fork {
                from_day,
                name: (*name).clone(),
            });
            name.set(String::new());
        })
    };
    let typed = |handle: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            handle.set(input.value());
        })
    };
    let show = |line: Line| {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.emit(DrillAction::ShowLine(line)))
    };
    let pick_measure = {
        let measure = measure.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            measure.set(select.value().parse().unwrap_or(0));
        })
    };
    // The measures the room may see, and the truth's once revealed.
    let measures: Vec<usize> = MEASURES
        .iter()
        .enumerate()
        .filter(|(_, m)| state.revealed || !m.truth)
        .map(|(i, _)| i)
        .collect();
    let chosen = if measures.contains(&*measure) {
        *measure
    } else {
        0
    };
    let chart = match (state.line, &state.main_days) {
        (Line::Branch(b), Some(main)) => {
            let m = &MEASURES[chosen];
            Some(html! {
                <LineChart
                    id="chart-branch"
                    title={t(lang, m.key)}
                    {lang}
                    lines={vec![
                        ChartLine { label: t(lang, "drill.line_main"), color: BLUE, values: measure_values(main, m), dashed: false },
                        ChartLine { label: state.line_name(Line::Branch(b)), color: VERMILLION, values: measure_values(&state.days, m), dashed: false },
                    ]}
                />
            })
        }
        _ => None,
    };
    html! {
        <section class="drill-panel branches" aria-labelledby="branches-title">
            <h3 id="branches-title">{ t(lang, "drill.branches_title") }</h3>
            <div class="lines" role="group" aria-label={t(lang, "drill.lines")}>
                <button onclick={show(Line::Main)} aria-pressed={(state.line == Line::Main).to_string()} data-testid="line-main">{ t(lang, "drill.line_main") }</button>
                { for state.exercise.branches.iter().enumerate().map(|(i, b)| {
                    let line = Line::Branch(i as u32);
                    html! {
                        <button onclick={show(line)} aria-pressed={(state.line == line).to_string()} data-testid={format!("line-branch-{i}")}>
                            { state.line_name(line) }
                            { " · " }{ tf(lang, "drill.from_day", &[("day", b.from_day.to_string())]) }
                        </button>
                    }
                }) }
            </div>
            <form onsubmit={fork} class="inline fork-form">
                <label>
                    <span>{ t(lang, "drill.fork_after") }</span>
                    <input type="text" inputmode="numeric" size="4" value={(*after).clone()} oninput={typed(after.clone())} data-testid="fork-day" />
                </label>
                <label>
                    <span>{ t(lang, "drill.branch_name") }</span>
                    <input type="text" size="12" value={(*name).clone()} oninput={typed(name.clone())} data-testid="fork-name" />
                </label>
                <button type="submit" data-testid="fork">{ t(lang, "drill.fork") }</button>
            </form>
            if let Some(chart) = chart {
                <label class="field measure">
                    <span>{ t(lang, "drill.measure") }</span>
                    <select onchange={pick_measure} data-testid="measure">
                        { for measures.iter().map(|i| html! {
                            <option value={i.to_string()} selected={*i == chosen}>{ t(lang, MEASURES[*i].key) }</option>
                        }) }
                    </select>
                </label>
                { chart }
            } else {
                <p class="hint">{ t(lang, "drill.branch_hint") }</p>
            }
        </section>
    }
}
