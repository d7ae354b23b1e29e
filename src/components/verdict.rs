//! The verdict: headline probabilities and counts as cards, then the table of
//! capacities (how often each is exceeded, first, and on which day, what
//! the city has and how much is needed in 90 % / 95 % of runs), then
//! the checkpoints gateway by gateway (each one's own verdict in a sentence,
//! its peak-hour wait, and who passed unchecked and why).

use crate::i18n::{number, percent, t, tf, whole_amount, Lang};
use crate::text::{capacity_has, capacity_key, capacity_needed, gateway_title, gateway_verdict};
use cordon_engine::{Results, Scenario};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of the verdict.
#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub results: Rc<Results>,
    pub lang: Lang,
    /// The scenario's infection limit, to explain runs that reached it.
    #[prop_or(cordon_engine::DEFAULT_INFECTION_LIMIT)]
    pub infection_limit: u32,
    /// The scenario: what the city has of each capacity.
    pub scenario: Rc<Scenario>,
}

/// The verdict cards and the capacities table.
#[function_component(Verdict)]
pub fn verdict(props: &VerdictProps) -> Html {
    let lang = props.lang;
    let s = &props.results.summary;
    let bottleneck = match &s.first_bottleneck {
        Some(b) => html! {
            <>
                <strong data-testid="bottleneck">{ t(lang, &capacity_key(b.capacity)) }</strong>
                <span>{ tf(lang, "verdict.bottleneck_detail", &[
                    ("p", percent(b.p_exceeded)),
                    ("day", b.median_first_day.map(|d| number(lang, d.round() + 1.0)).unwrap_or_else(|| "–".into())),
                ]) }</span>
            </>
        },
        None => {
            html! { <strong data-testid="bottleneck">{ t(lang, "verdict.none_binds") }</strong> }
        }
    };
    html! {
        <div class="verdict" aria-label="verdict">
            <div class="card">
                <span class="label">{ t(lang, "verdict.no_local") }</span>
                <strong class="big" data-testid="p-no-local">{ percent(s.p_no_local_transmission) }</strong>
                <span class="definition" data-testid="p-no-local-days">{ tf(lang, "verdict.no_local_def", &[("days", props.results.days.to_string())]) }</span>
            </div>
            <div class="card">
                <span class="label">{ t(lang, "verdict.contained") }</span>
                <strong class="big" data-testid="p-contained">{ percent(s.p_contained) }</strong>
                <span class="definition" data-testid="p-contained-days">{ tf(lang, "verdict.contained_def", &[
                    ("first", s.containment_first_day.to_string()),
                    ("last", s.containment_last_day.to_string()),
                ]) }</span>
            </div>
            <div class="card">
                <span class="label">{ t(lang, "verdict.local_infections") }</span>
                <strong class="big" data-testid="local-mean">{ number(lang, (s.local_infections.mean * 10.0).round() / 10.0) }</strong>
                <span class="definition">{ tf(lang, "verdict.local_infections_range", &[
                    ("low", number(lang, s.local_infections.p5.round())),
                    ("high", number(lang, s.local_infections.p95.round())),
                ]) }</span>
            </div>
            <div class="card">
                <span class="label">{ t(lang, "verdict.first_bottleneck") }</span>
                { bottleneck }
            </div>
            if s.caught_at_checkpoint_share.is_some() {
                <div class="card">
                    <span class="label">{ t(lang, "verdict.caught") }</span>
                    <strong class="big">{ s.caught_at_checkpoint_share.map(percent).unwrap_or_else(|| "–".into()) }</strong>
                    <span class="definition">{ format!("+ {} {}", s.flagged_at_checkpoint_share.map(percent).unwrap_or_else(|| "–".into()), t(lang, "verdict.flagged")) }</span>
                </div>
            }
            if s.p_truncated > 0.0 {
                <div class="card warning" data-testid="out-of-control">
                    <span class="label">{ t(lang, "verdict.out_of_control") }</span>
                    <strong class="big">{ percent(s.p_truncated) }</strong>
                    <span class="definition">{ tf(lang, "verdict.out_of_control_def", &[("limit", number(lang, f64::from(props.infection_limit)))]) }</span>
                </div>
            }
            <div class="card">
                <span class="label">{ t(lang, "verdict.detection_delay") }</span>
                <strong class="big">{ s.days_to_first_local_detection.map(|d| number(lang, d.p50)).unwrap_or_else(|| "–".into()) }</strong>
            </div>
            <table class="capacities" data-testid="capacities">
                <caption>{ t(lang, "verdict.capacities") }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t(lang, "verdict.capacity") }</th>
                        <th scope="col">{ t(lang, "verdict.p_exceeded") }</th>
                        <th scope="col">{ t(lang, "verdict.p_first") }</th>
                        <th scope="col">{ t(lang, "verdict.median_day") }</th>
                        <th scope="col">{ t(lang, "verdict.has") }</th>
                        <th scope="col">{ t(lang, "verdict.needed_p90") }</th>
                        <th scope="col">{ t(lang, "verdict.needed_p95") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for s.capacities.iter().map(|c| {
                        let key = c.capacity.key();
                        let has = capacity_has(&props.scenario, c.capacity).map(|v| whole_amount(lang, v)).unwrap_or_else(|| "–".into());
                        let (p90, p95) = capacity_needed(lang, &props.results, c.capacity);
                        html! {
                        <tr class={classes!((c.p_exceeded > 0.0).then_some("binds"))}>
                            <th scope="row">{ t(lang, &capacity_key(c.capacity)) }</th>
                            <td>
                                <span class="bar" style={format!("width: {:.2}rem", c.p_exceeded * 6.0)}></span>
                                { percent(c.p_exceeded) }
                            </td>
                            <td>{ percent(c.p_first) }</td>
                            <td>{ c.median_first_day.map(|d| number(lang, d.round() + 1.0)).unwrap_or_else(|| "–".into()) }</td>
                            <td data-testid={format!("has-{key}")}>{ has }</td>
                            <td data-testid={format!("needed-p90-{key}")}>{ p90 }</td>
                            <td data-testid={format!("needed-p95-{key}")}>{ p95 }</td>
                        </tr>
                    }}) }
                </tbody>
            </table>
            if !props.results.gateways.is_empty() {
                <table class="checkpoints" data-testid="checkpoints">
                    <caption>{ t(lang, "verdict.checkpoints") }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t(lang, "verdict.gateway") }</th>
                            <th scope="col">{ t(lang, "verdict.short_in") }</th>
                            <th scope="col">{ t(lang, "verdict.median_day") }</th>
                            <th scope="col">{ t(lang, "verdict.peak_hour_wait") }</th>
                            <th scope="col">{ t(lang, "verdict.unchecked") }</th>
                            <th scope="col">{ t(lang, "verdict.infected_unchecked") }</th>
                            <th scope="col">{ t(lang, "verdict.staff_has") }</th>
                            <th scope="col">{ t(lang, "verdict.staff_needed") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for props.results.gateways.iter().map(|g| {
                            let whole = |v: f64| number(lang, v.round());
                            html! {
                                <tr class={classes!((g.p_short > 0.0).then_some("binds"))}
                                    data-testid={format!("checkpoint-{}", g.gateway)}
                                    title={gateway_verdict(lang, g)}>
                                    <th scope="row">{ gateway_title(lang, g.kind, &g.name, g.gateway) }</th>
                                    <td>
                                        <span class="bar" style={format!("width: {:.2}rem", g.p_short * 6.0)}></span>
                                        { percent(g.p_short) }
                                    </td>
                                    <td>{ g.median_first_short_day.map(|d| number(lang, d.round() + 1.0)).unwrap_or_else(|| "–".into()) }</td>
                                    <td>{ format!("{} ({})", whole(g.peak_hour_wait_minutes.p50), whole(g.peak_hour_wait_minutes.p95)) }</td>
                                    <td>{ format!("{} / {} / {}", whole(g.unchecked_by_policy.p50), whole(g.unchecked_by_cap.p50), whole(g.unchecked_unstaffed.p50)) }</td>
                                    <td>{ number(lang, (g.infected_unchecked.mean * 10.0).round() / 10.0) }</td>
                                    <td data-testid={format!("staff-has-{}", g.gateway)}>{ props.scenario.gateways.get(g.gateway).map(|gw| number(lang, f64::from(gw.checkpoint.staff_per_shift))).unwrap_or_else(|| "–".into()) }</td>
                                    <td data-testid={format!("staff-needed-{}", g.gateway)}>{ g.needed_staff_per_shift.map(|n| number(lang, f64::from(n))).unwrap_or_else(|| "–".into()) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <ul class="checkpoint-verdicts" data-testid="checkpoint-verdicts">
                    { for props.results.gateways.iter().filter(|g| g.p_short > 0.0).map(|g| html! {
                        <li data-testid={format!("checkpoint-verdict-{}", g.gateway)}>{ gateway_verdict(lang, g) }</li>
                    }) }
                </ul>
            }
        </div>
    }
}
