//! What leaves Cordon as text: the results as CSV and scenario files as JSON.
//!
//! The CLI (`cordon run --csv`, `cordon validate`) and the page (share panel
//! downloads, opening a file) both call these functions, so the same results
//! give the same bytes, and the same file reads the same way, everywhere.
//! Pure string building: writing the text somewhere is the caller's job.
//!
//! # CSV conventions
//!
//! UTF-8 (in practice ASCII), comma-separated, `\n` line ends, one header
//! row, no byte-order mark. Numbers are written in Rust's shortest
//! round-trip form (`0.25`, `5000`, `0.1` for the single-precision daily
//! values), never in exponent notation and never as `-0`. A value that is not
//! a finite number is an **empty cell**: a capacity series of an unlimited
//! resource (infinite), a figure that does not exist (no run ever detected a
//! local case), NaN. A text cell containing a comma, a quote or a line break
//! is quoted as in RFC 4180 (none of the current keys needs it).
//!
//! # Daily series CSV ([`daily_csv`], `cordon-daily.csv`, `cordon run --csv FILE`)
//!
//! Long format, one row per day and series: day-major (all of day 1, then
//! day 2, …), series within a day in [`Series::ALL`] order, so the file has
//! `days × 40` rows after the header.
//!
//! | column   | meaning |
//! |----------|---------|
//! | `day`    | day of the horizon, from 1: day 1 = the first simulated day (as on the charts) |
//! | `series` | the series' key (below) |
//! | `mean`   | mean of the series on that day across the runs |
//! | `p5`     | 5th percentile across the runs (linear between order statistics) |
//! | `p25`    | 25th percentile |
//! | `p50`    | median |
//! | `p75`    | 75th percentile |
//! | `p95`    | 95th percentile |
//!
//! The percentiles are taken day by day, so a row's band is not one run's
//! trajectory. The `series` keys ([`Series::key`]):
//!
//! | key | what is counted each day |
//! |-----|--------------------------|
//! | `imported_infections` | infected travellers arriving |
//! | `imported_unnoticed` | infected travellers entering the community unnoticed (neither caught nor flagged) |
//! | `local_infections` | new infections in the city |
//! | `detected_imported` | imported infections detected (at the gate or later) |
//! | `detected_local` | local infections detected |
//! | `infectious_at_large` | infected people neither isolated nor quarantined |
//! | `rooms_occupied` | centralised quarantine rooms occupied |
//! | `rooms_needed` | rooms that would be occupied were they unlimited |
//! | `rooms_capacity` | rooms available (empty when unlimited) |
//! | `home_quarantine` | people in home quarantine |
//! | `beds_occupied` | hospital beds occupied |
//! | `beds_needed` | beds needed (occupied plus cases turned away) |
//! | `beds_capacity` | beds available (empty when unlimited) |
//! | `tests_needed` | laboratory tubes needed (a population-wide round counted in one day) |
//! | `tests_done` | tubes processed |
//! | `tests_capacity` | tubes per day the laboratories can process (empty when unlimited) |
//! | `test_backlog` | tubes waiting at the end of the day |
//! | `tracing_backlog` | detected cases waiting for tracing at the end of the day |
//! | `tracing_capacity` | cases the tracing staff can investigate per day (empty when unlimited) |
//! | `checkpoint_queue` | largest checkpoint queue, travellers |
//! | `checkpoint_wait_minutes` | mean wait of a checked traveller, minutes (all gateways) |
//! | `grid_utilisation` | grid-worker visits needed to watch home quarantine, as a share of the visits available |
//! | `zones_active` | 1 while zones are in force, else 0 |
//! | `cumulative_imported` | infected travellers arrived so far |
//! | `cumulative_local` | infections in the city so far |
//! | `cumulative_detected` | infections detected so far (imported and local) |
//! | `masks_stock` | masks in stock at the end of the day (after the day's resupply and use) |
//! | `masks_used` | masks used that day |
//! | `protective_suits_stock` | protective suits in stock at the end of the day |
//! | `protective_suits_used` | protective suits used that day |
//! | `goggles_stock` | goggles in stock at the end of the day |
//! | `goggles_used` | goggles used (replaced) that day |
//! | `gloves_stock` | gloves in stock at the end of the day, pairs |
//! | `gloves_used` | gloves used that day, pairs |
//! | `disinfectant_litres_stock` | disinfectant in stock at the end of the day, litres |
//! | `disinfectant_litres_used` | disinfectant used that day, litres |
//! | `swabs_stock` | sampling swabs in stock at the end of the day |
//! | `swabs_used` | swabs used that day (one per person sampled) |
//! | `reagent_stock` | PCR reagent in stock at the end of the day, tests |
//! | `reagent_used` | reagent used that day, tests (one per laboratory tube) |
//!
//! # Summary CSV ([`summary_csv`], `cordon-summary.csv`, `cordon run --csv FILE` → `FILE-summary.csv`)
//!
//! Two columns, one figure a row:
//!
//! | column   | meaning |
//! |----------|---------|
//! | `metric` | the figure's name (below) |
//! | `value`  | its value; shares are fractions from 0 to 1 |
//!
//! The rows, in this order (a *statistic* `x` is six rows `x.mean`, `x.p5`,
//! `x.p25`, `x.p50`, `x.p75`, `x.p95`, across the runs):
//!
//! | metric | meaning |
//! |--------|---------|
//! | `p_no_local_transmission` | share of runs with no infection transmitted in the city |
//! | `p_contained` | share of runs with no infection in the city on the containment window's days (by default the last 14 days of the horizon) |
//! | `containment_first_day` | first day of the containment window (day 1 = the first simulated day) |
//! | `containment_last_day` | last day of the containment window |
//! | `local_infections.*` | statistic: infections in the city per run |
//! | `imported_infections.*` | statistic: infected travellers per run |
//! | `caught_at_checkpoint_share` | infected arrivals caught at a checkpoint, pooled over runs (empty without infected arrivals) |
//! | `flagged_at_checkpoint_share` | infected arrivals flagged (sent to quarantine) at a checkpoint, pooled (empty without infected arrivals) |
//! | `days_to_first_local_detection.*` | statistic: days from the first local infection to the first local detection, over runs with both (empty cells if none) |
//! | `p_local_undetected` | share of runs with local infections in which none was detected |
//! | `peak_quarantine_rooms.*` | statistic: most rooms needed on one day |
//! | `p_quarantine_exceeded` | share of runs in which the rooms ran out |
//! | `peak_hospital_beds.*` | statistic: most beds needed on one day |
//! | `p_beds_exceeded` | share of runs in which the beds ran out |
//! | `peak_tests_per_day.*` | statistic: most tubes needed on one day |
//! | `p_testing_exceeded` | share of runs in which testing ran out |
//! | `peak_tracing_backlog.*` | statistic: most cases waiting for tracing |
//! | `p_tracing_exceeded` | share of runs in which tracing fell behind |
//! | `max_checkpoint_wait_minutes.*` | statistic: longest mean checkpoint wait, minutes |
//! | `p_checkpoint_overloaded` | share of runs in which a checkpoint was short |
//! | `p_grid_workers_exceeded` | share of runs in which grid workers could not watch every home-quarantined household |
//! | `quarantine_person_days.*` | statistic: person-days of quarantine per run |
//! | `capacity.<key>.p_exceeded` | per capacity (keys `checkpoint`, `grid_workers`, `quarantine_rooms`, `testing`, `tracing`, `hospital_beds`, then the supply items `masks`, `protective_suits`, `goggles`, `gloves`, `disinfectant_litres`, `swabs`, `reagent`, in this order): share of runs in which it ran out (for an item: its use exceeded its stock) |
//! | `capacity.<key>.p_first` | share of runs in which it was the first to run out |
//! | `capacity.<key>.median_first_day` | median day it first ran out (day 1 = the first simulated day), over the runs in which it did (empty if never) |
//! | `first_bottleneck` | key of the capacity most often first to run out (empty if none runs out) |
//! | `p_truncated` | share of runs cut short by the scenario's infection limit (out of control) |
//! | `supplies.<item>.days_at_full_load` | per supply item (the keys above, from `masks` to `reagent`): days its stock lasts at full load without resupply, the same in every run (empty when full load uses none of it) |
//! | `supplies.<item>.meets_standard` | 1 when the stock covers the 30-day standard at full load, else 0 |
//! | `needed.<key>.p90`, `needed.<key>.p95` | how much is needed (keys `grid_workers` grid workers on duty, `quarantine_rooms` rooms, `hospital_beds` beds, `testing` laboratory tubes per day, `tracing` tracing staff on duty, then each supply item's key: the starting stock with which it never runs out, given its resupply; in this order): the amount that suffices in 90 % / 95 % of runs, read from the same runs with these capacities unlimited (`montecarlo::needed`; grid workers stay as the city has them there, since more workers also sweep more households; every item's stock is infinite there); rows only when the results carry them (`cordon run` always does) |
//! | `runs` | runs aggregated |
//! | `runs_planned` | runs the scenario asks for |
//! | `seed` | the scenario's seed |
//! | `days` | days in the horizon |
//! | `gateway.<i>.name` | per gateway, from 0 in the scenario's order (these rows come last, gateway by gateway): its name |
//! | `gateway.<i>.p_short` | share of runs in which this gateway's checkpoint was short (travellers passed unchecked, or a day's mean wait over 30 minutes) |
//! | `gateway.<i>.median_first_short_day` | median day it was first short (day 1 = the first simulated day), over the runs in which it was (empty if never) |
//! | `gateway.<i>.arrivals.*` | statistic: travellers arriving over the horizon |
//! | `gateway.<i>.peak_hour_wait_minutes.*` | statistic: wait in the worst hour of the worst day, minutes (`p50` the median, `p95` the 95th percentile across runs) |
//! | `gateway.<i>.max_mean_wait_minutes.*` | statistic: longest daily mean wait, minutes |
//! | `gateway.<i>.max_queue.*` | statistic: largest queue, travellers |
//! | `gateway.<i>.unchecked_by_policy.*` | statistic: travellers waved through by the overload policy over the horizon |
//! | `gateway.<i>.unchecked_by_cap.*` | statistic: travellers waved through because the queue reached two hours of work |
//! | `gateway.<i>.unchecked_unstaffed.*` | statistic: travellers passing while nobody was on duty |
//! | `gateway.<i>.infected_arrivals.*` | statistic: infected travellers arriving |
//! | `gateway.<i>.infected_unchecked.*` | statistic: infected travellers who passed without being checked |
//! | `gateway.<i>.needed_staff_per_shift` | inspectors per shift (with as many posts) with which this checkpoint is never short: the same in every run, so it holds in 90 % and 95 % of runs alike (`plan::checkpoint_staff_needed`); the row only when the results carry it (`cordon run` always does, unless no number is enough) |
//!
//! # Gateway CSV ([`gateways_csv`], `cordon-gateways.csv`, `cordon run --csv FILE` → `FILE-gateways.csv`)
//!
//! Long format like the daily CSV, one row per day, gateway and series:
//! day-major, then gateways in the scenario's order, then series in
//! [`GatewaySeries::ALL`] order, so the file has `days × gateways × 9` rows
//! after the header. Columns `day` (from 1, as in the daily CSV), `gateway`
//! (index from 0), `series`, then
//! `mean`, `p5`, `p25`, `p50`, `p75`, `p95` across the runs. The `series`
//! keys ([`GatewaySeries::key`]):
//!
//! | key | what is counted each day at the gateway |
//! |-----|------------------------------------------|
//! | `arrivals` | travellers arriving |
//! | `queue` | largest queue, travellers |
//! | `mean_wait_minutes` | mean wait of a checked traveller, minutes |
//! | `peak_hour_wait_minutes` | wait of a checked traveller in the day's worst hour, minutes |
//! | `unchecked_by_policy` | travellers waved through by the overload policy |
//! | `unchecked_by_cap` | travellers waved through because the queue reached two hours of work |
//! | `unchecked_unstaffed` | travellers passing while nobody was on duty |
//! | `infected_arrivals` | infected travellers arriving |
//! | `infected_unchecked` | infected travellers who passed without being checked |
//!
//! # Per-run CSV ([`per_run_csv`], `cordon run --per-run FILE`)
//!
//! Each run's own daily counts (not bands): one row per run and day, runs
//! in order, then days. Columns: `run` (from 1: run 1 is the scenario's
//! first run, the one the line list and the page's download show), `day`
//! (from 1, as above), then the series of [`PER_RUN_SERIES`] by their keys:
//! `imported_infections`, `local_infections`, `detected_imported`,
//! `detected_local` (new that day, as in the daily CSV).
//!
//! # Line list CSV ([`line_list_csv`], `cordon run --line-list RUN`, the page's "line list of run 1")
//!
//! One row per infected person of one run, in order of infection (imported
//! cases at their arrival), from [`crate::sim::LineListEntry`]:
//!
//! | column | meaning |
//! |--------|---------|
//! | `id` | the case's number in the run, from 0 |
//! | `infection_day` | day infected (day 1 = the first simulated day; 0 or less: before the horizon, for an arrival infected before arriving) |
//! | `arrival_day` | day an imported case arrived (empty for a local case) |
//! | `onset_day` | day of symptom onset (empty without symptoms); may lie after the horizon |
//! | `detection_day` | day the positive result came back or the checkpoint caught them (empty: never detected) |
//! | `found_by` | how: `checkpoint`, `arrival_test`, `self_report`, `clinic`, `retest`, `grid_sweep`, `grid_symptoms`, `screening`, `mass_testing`, `quarantine_test`, `quarantine_onset`, `tracing`, `source` ([`crate::sim::Found::key`]; empty if not detected) |
//! | `infector` | the `id` of the case who infected them (empty for imported and seeded cases) |
//! | `gateway` | the gateway an imported case came through (index from 0; empty for local cases) |
//! | `setting` | where the infection happened: `travel` (before arriving), `seeded` (an initial or injected local infection), `household`, `community`, `home_quarantine` (the infector in home quarantine), `quarantine_site`, `isolation` ([`crate::sim::Setting::key`]) |
//!
//! # Scenario files
//!
//! [`scenario_json`] writes pretty JSON with a final newline;
//! [`read_scenario`] reads one (a leading byte-order mark is accepted, a
//! file may give only the fields it changes) and checks every field.
//!
//! # Plan comparison CSV ([`compare_csv`], `cordon compare --csv`; the page's download is [`compare_csv_in`] with its reader's words)
//!
//! Long format, one row per outcome and plan: outcome-major, outcomes in
//! [`crate::compare::OUTCOMES`] order, plans in the set's order (the
//! baseline first), so the file has `outcomes × plans` rows after the header.
//!
//! | column | meaning |
//! |--------|---------|
//! | `outcome` | the outcome's key ([`crate::compare::Outcome::key`]: `p_no_local_transmission`, `p_contained`, `local_infections_mean`, `p_out_of_control`, `p_any_capacity_exceeded`, `p_exceeded.<capacity>`) |
//! | `plan` | the plan's name |
//! | `value` | the plan's value: share of runs (0–1) or mean count |
//! | `difference` | plan minus baseline (empty for the baseline) |
//! | `se` | standard error to read with the difference: paired when `paired` is `true`, else unpaired (empty below two runs) |
//! | `ci95_low`, `ci95_high` | the 95 % interval of the difference, difference ∓ 1.96 × `se` |
//! | `se_paired` | standard error of the mean per-run difference (run `i` against run `i`; empty when unpaired) |
//! | `se_unpaired` | standard error of the difference of two independent means |
//! | `paired` | `true` when paired, `false` (different seeds or run counts) otherwise; empty for the baseline |
//! | `runs` | runs the difference is taken over (the plan's runs for the baseline) |
//!
//! The page writes the same rows and numbers with the header, the outcome
//! names and the `paired` words in its reader's language
//! ([`CompareCsvWords`]; a byte-order mark first, so that spreadsheets read
//! Chinese as UTF-8).
//!
//! # Plan-set files
//!
//! [`plan_set_json`] writes `{"plans": [{"name": …, "scenario": {…}}, …]}`
//! as pretty JSON with a final newline; [`read_plan_set`] reads one (each
//! scenario as in a scenario file) and checks the set (one to four plans)
//! and every plan.

use crate::compare::{Comparison, PlanSet, PlanSetError, OUTCOMES, OUTCOME_COUNT};
use crate::montecarlo::{Results, Stats};
use crate::scenario::Scenario;
use crate::sim::{GatewaySeries, Infector, LineListEntry, RunOutcome, Series};
use crate::validate::{validate, ValidationErrors};
use std::fmt::{self, Write as _};

/// Header of the daily-series CSV.
pub const DAILY_HEADER: &str = "day,series,mean,p5,p25,p50,p75,p95";

/// Header of the gateway CSV.
pub const GATEWAYS_HEADER: &str = "day,gateway,series,mean,p5,p25,p50,p75,p95";

/// The series of the per-run CSV, in column order.
pub const PER_RUN_SERIES: [Series; 4] = [
    Series::ImportedInfections,
    Series::LocalInfections,
    Series::DetectedImported,
    Series::DetectedLocal,
];

/// Header of the line-list CSV.
pub const LINE_LIST_HEADER: &str =
    "id,infection_day,arrival_day,onset_day,detection_day,found_by,infector,gateway,setting";

/// Header of the summary CSV.
pub const SUMMARY_HEADER: &str = "metric,value";

/// A number as a CSV cell: shortest round-trip text, empty when not finite.
pub fn cell_f64(value: f64) -> String {
    if !value.is_finite() {
        String::new()
    } else if value == 0.0 {
        "0".into() // no "-0"
    } else {
        format!("{value}")
    }
}

/// A single-precision number (daily bands) as a CSV cell, without widening
/// artefacts (`0.1`, not `0.10000000149011612`); empty when not finite.
pub fn cell_f32(value: f32) -> String {
    if !value.is_finite() {
        String::new()
    } else if value == 0.0 {
        "0".into()
    } else {
        format!("{value}")
    }
}

/// A text cell, quoted if it needs it (RFC 4180).
pub fn cell_text(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The daily bands in long format (see the module documentation).
pub fn daily_csv(results: &Results) -> String {
    let days = results
        .daily
        .iter()
        .map(|b| b.mean.len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(64 * days * Series::ALL.len() + 64);
    out.push_str(DAILY_HEADER);
    out.push('\n');
    for day in 0..days {
        for series in Series::ALL {
            let Some(band) = results.daily.iter().find(|b| b.series == series) else {
                continue;
            };
            // Planners count days from 1: day 1 is the first simulated day.
            let _ = writeln!(
                out,
                "{},{},{}",
                day + 1,
                cell_text(series.key()),
                band_cells(band, day)
            );
        }
    }
    out
}

/// Header of the per-run CSV: `run,day` and the keys of [`PER_RUN_SERIES`].
pub fn per_run_header() -> String {
    let mut header = String::from("run,day");
    for series in PER_RUN_SERIES {
        header.push(',');
        header.push_str(series.key());
    }
    header
}

/// Each run's daily counts (see the module documentation), runs in the
/// order given (the CLI gives them in run order).
pub fn per_run_csv(outcomes: &[RunOutcome]) -> String {
    let days: usize = outcomes.iter().map(|o| o.daily.len()).sum();
    let mut out = String::with_capacity(24 * days + 80);
    out.push_str(&per_run_header());
    out.push('\n');
    for outcome in outcomes {
        for (day, values) in outcome.daily.iter().enumerate() {
            let _ = write!(out, "{},{}", outcome.run_index + 1, day + 1);
            for series in PER_RUN_SERIES {
                let _ = write!(out, ",{}", cell_f32(values[series.index()]));
            }
            out.push('\n');
        }
    }
    out
}

/// One run's line list (see the module documentation); days from 1.
pub fn line_list_csv(entries: &[LineListEntry]) -> String {
    let mut out = String::with_capacity(48 * entries.len() + 96);
    out.push_str(LINE_LIST_HEADER);
    out.push('\n');
    let day = |d: Option<i64>| d.map(|d| (d + 1).to_string()).unwrap_or_default();
    for e in entries {
        let (infector, gateway) = match e.infector {
            Infector::Case(id) => (id.to_string(), String::new()),
            Infector::Gateway(g) => (String::new(), g.to_string()),
            Infector::Seeded => (String::new(), String::new()),
        };
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{}",
            e.id,
            e.infection_day + 1,
            day(e.arrival_day.map(i64::from)),
            day(e.onset_day()),
            day(e.detection_day.map(i64::from)),
            e.found_by.map(|f| f.key()).unwrap_or_default(),
            infector,
            gateway,
            e.setting.key(),
        );
    }
    out
}

fn push_row(out: &mut String, metric: &str, value: String) {
    let _ = writeln!(out, "{},{value}", cell_text(metric));
}

fn push_stats(out: &mut String, metric: &str, stats: Option<&Stats>) {
    let parts: [(&str, Option<f64>); 6] = [
        ("mean", stats.map(|s| s.mean)),
        ("p5", stats.map(|s| s.p5)),
        ("p25", stats.map(|s| s.p25)),
        ("p50", stats.map(|s| s.p50)),
        ("p75", stats.map(|s| s.p75)),
        ("p95", stats.map(|s| s.p95)),
    ];
    for (name, value) in parts {
        push_row(
            out,
            &format!("{metric}.{name}"),
            value.map(cell_f64).unwrap_or_default(),
        );
    }
}

/// The summary figures as `metric,value` rows (see the module documentation).
pub fn summary_csv(results: &Results) -> String {
    let s = &results.summary;
    let mut text = String::with_capacity(4096);
    let out = &mut text;
    out.push_str(SUMMARY_HEADER);
    out.push('\n');
    let opt = |v: Option<f64>| v.map(cell_f64).unwrap_or_default();
    push_row(
        out,
        "p_no_local_transmission",
        cell_f64(s.p_no_local_transmission),
    );
    push_row(out, "p_contained", cell_f64(s.p_contained));
    push_row(
        out,
        "containment_first_day",
        s.containment_first_day.to_string(),
    );
    push_row(
        out,
        "containment_last_day",
        s.containment_last_day.to_string(),
    );
    push_stats(out, "local_infections", Some(&s.local_infections));
    push_stats(out, "imported_infections", Some(&s.imported_infections));
    push_row(
        out,
        "caught_at_checkpoint_share",
        opt(s.caught_at_checkpoint_share),
    );
    push_row(
        out,
        "flagged_at_checkpoint_share",
        opt(s.flagged_at_checkpoint_share),
    );
    push_stats(
        out,
        "days_to_first_local_detection",
        s.days_to_first_local_detection.as_ref(),
    );
    push_row(out, "p_local_undetected", cell_f64(s.p_local_undetected));
    push_stats(out, "peak_quarantine_rooms", Some(&s.peak_quarantine_rooms));
    push_row(
        out,
        "p_quarantine_exceeded",
        cell_f64(s.p_quarantine_exceeded),
    );
    push_stats(out, "peak_hospital_beds", Some(&s.peak_hospital_beds));
    push_row(out, "p_beds_exceeded", cell_f64(s.p_beds_exceeded));
    push_stats(out, "peak_tests_per_day", Some(&s.peak_tests_per_day));
    push_row(out, "p_testing_exceeded", cell_f64(s.p_testing_exceeded));
    push_stats(out, "peak_tracing_backlog", Some(&s.peak_tracing_backlog));
    push_row(out, "p_tracing_exceeded", cell_f64(s.p_tracing_exceeded));
    push_stats(
        out,
        "max_checkpoint_wait_minutes",
        Some(&s.max_checkpoint_wait_minutes),
    );
    push_row(
        out,
        "p_checkpoint_overloaded",
        cell_f64(s.p_checkpoint_overloaded),
    );
    push_row(
        out,
        "p_grid_workers_exceeded",
        cell_f64(s.p_grid_workers_exceeded),
    );
    push_stats(
        out,
        "quarantine_person_days",
        Some(&s.quarantine_person_days),
    );
    for c in &s.capacities {
        let key = c.capacity.key();
        push_row(
            out,
            &format!("capacity.{key}.p_exceeded"),
            cell_f64(c.p_exceeded),
        );
        push_row(out, &format!("capacity.{key}.p_first"), cell_f64(c.p_first));
        push_row(
            out,
            &format!("capacity.{key}.median_first_day"),
            opt(c.median_first_day.map(|d| d + 1.0)),
        );
    }
    push_row(
        out,
        "first_bottleneck",
        s.first_bottleneck
            .as_ref()
            .map(|b| cell_text(b.capacity.key()))
            .unwrap_or_default(),
    );
    push_row(out, "p_truncated", cell_f64(s.p_truncated));
    for item in &s.supplies {
        let key = item.supply.key();
        push_row(
            out,
            &format!("supplies.{key}.days_at_full_load"),
            opt(item.days_at_full_load),
        );
        push_row(
            out,
            &format!("supplies.{key}.meets_standard"),
            u8::from(item.meets_standard).to_string(),
        );
    }
    if let Some(needed) = &results.needed {
        for (capacity, amount) in needed.amounts() {
            let key = capacity.key();
            push_row(out, &format!("needed.{key}.p90"), cell_f64(amount.p90));
            push_row(out, &format!("needed.{key}.p95"), cell_f64(amount.p95));
        }
    }
    push_row(out, "runs", results.runs.to_string());
    push_row(out, "runs_planned", results.runs_planned.to_string());
    push_row(out, "seed", results.seed.to_string());
    push_row(out, "days", results.days.to_string());
    for g in &results.gateways {
        let i = g.gateway;
        push_row(out, &format!("gateway.{i}.name"), cell_text(&g.name));
        push_row(out, &format!("gateway.{i}.p_short"), cell_f64(g.p_short));
        push_row(
            out,
            &format!("gateway.{i}.median_first_short_day"),
            opt(g.median_first_short_day.map(|d| d + 1.0)),
        );
        for (name, stats) in [
            ("arrivals", &g.arrivals),
            ("peak_hour_wait_minutes", &g.peak_hour_wait_minutes),
            ("max_mean_wait_minutes", &g.max_mean_wait_minutes),
            ("max_queue", &g.max_queue),
            ("unchecked_by_policy", &g.unchecked_by_policy),
            ("unchecked_by_cap", &g.unchecked_by_cap),
            ("unchecked_unstaffed", &g.unchecked_unstaffed),
            ("infected_arrivals", &g.infected_arrivals),
            ("infected_unchecked", &g.infected_unchecked),
        ] {
            push_stats(out, &format!("gateway.{i}.{name}"), Some(stats));
        }
        if let Some(staff) = g.needed_staff_per_shift {
            push_row(
                out,
                &format!("gateway.{i}.needed_staff_per_shift"),
                staff.to_string(),
            );
        }
    }
    text
}

/// Each gateway's daily bands in long format (see the module documentation).
pub fn gateways_csv(results: &Results) -> String {
    let days = results.days as usize;
    let mut out = String::with_capacity(64 * days * results.gateways.len() * 9 + 64);
    out.push_str(GATEWAYS_HEADER);
    out.push('\n');
    for day in 0..days {
        for g in &results.gateways {
            for series in GatewaySeries::ALL {
                let band = g.band(series);
                if day >= band.mean.len() {
                    continue;
                }
                // Day 1 is the first simulated day, as in the daily CSV.
                let _ = writeln!(
                    out,
                    "{},{},{},{}",
                    day + 1,
                    g.gateway,
                    cell_text(series.key()),
                    band_cells(band, day)
                );
            }
        }
    }
    out
}

/// One day of a band: `mean,p5,p25,p50,p75,p95`.
fn band_cells<K>(band: &crate::Band<K>, day: usize) -> String {
    [
        &band.mean, &band.p5, &band.p25, &band.p50, &band.p75, &band.p95,
    ]
    .iter()
    .map(|column| cell_f32(column[day]))
    .collect::<Vec<_>>()
    .join(",")
}

/// The scenario as a file: pretty JSON with a final newline.
pub fn scenario_json(scenario: &Scenario) -> String {
    let mut text = serde_json::to_string_pretty(scenario).unwrap_or_default();
    text.push('\n');
    text
}

/// Why a scenario file could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum ScenarioFileError {
    /// Not JSON, or JSON that is not a scenario (unknown field, wrong type).
    Syntax {
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem, from 1.
        column: usize,
        /// The JSON reader's message, without its " at line L column C".
        message: String,
    },
    /// A scenario with values out of range, each naming its field path.
    Invalid(ValidationErrors),
}

impl fmt::Display for ScenarioFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioFileError::Syntax {
                line,
                column,
                message,
            } => write!(
                f,
                "not a valid scenario file: {message} (line {line}, column {column})"
            ),
            // One line per problem, each naming the field.
            ScenarioFileError::Invalid(errors) => write!(f, "{errors}"),
        }
    }
}

impl std::error::Error for ScenarioFileError {}

/// Reads a scenario file's JSON without checking its values (for callers
/// that change some values first, then [`validate`]). A leading byte-order
/// mark (some Windows editors add one) is accepted; missing fields take the
/// example city's values. Only ever fails with
/// [`ScenarioFileError::Syntax`].
pub fn scenario_from_json(text: &str) -> Result<Scenario, ScenarioFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
        ScenarioFileError::Syntax {
            line: e.line(),
            column: e.column(),
            message,
        }
    })
}

/// Reads a scenario file: JSON first ([`scenario_from_json`]), then every
/// field checked.
pub fn read_scenario(text: &str) -> Result<Scenario, ScenarioFileError> {
    let scenario = scenario_from_json(text)?;
    validate(&scenario).map_err(ScenarioFileError::Invalid)?;
    Ok(scenario)
}

/// The plan comparison CSV's columns, in order: their keys are the header
/// of the machine-readable file (`cordon compare --csv`); the page writes
/// each column under its label in the reader's language
/// ([`CompareCsvWords`]).
pub const COMPARE_COLUMNS: [&str; 11] = [
    "outcome",
    "plan",
    "value",
    "difference",
    "se",
    "ci95_low",
    "ci95_high",
    "se_paired",
    "se_unpaired",
    "paired",
    "runs",
];

/// Header of the machine-readable plan comparison CSV: [`COMPARE_COLUMNS`]
/// joined by commas.
pub const COMPARE_HEADER: &str =
    "outcome,plan,value,difference,se,ci95_low,ci95_high,se_paired,se_unpaired,paired,runs";

/// The words of a comparison CSV: the header's cells (one per
/// [`COMPARE_COLUMNS`]), each outcome's name (in [`OUTCOMES`] order) and the
/// `paired` column's two words. The numbers are the same whatever the words.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareCsvWords {
    pub header: [String; COMPARE_COLUMNS.len()],
    pub outcomes: [String; OUTCOME_COUNT],
    /// The `paired` column's word for a paired difference.
    pub paired: String,
    /// Its word for an unpaired one.
    pub unpaired: String,
}

impl CompareCsvWords {
    /// The machine-readable words: column keys, outcome keys, `true`/`false`.
    pub fn keys() -> CompareCsvWords {
        CompareCsvWords {
            header: COMPARE_COLUMNS.map(String::from),
            outcomes: OUTCOMES.map(|o| o.key()),
            paired: "true".into(),
            unpaired: "false".into(),
        }
    }
}

/// A comparison in long format with the machine-readable words (see the
/// module documentation).
pub fn compare_csv(comparison: &Comparison) -> String {
    compare_csv_in(comparison, &CompareCsvWords::keys())
}

/// A comparison in long format with `words` for its header, outcomes and
/// pairing (the page's download in the reader's language).
pub fn compare_csv_in(comparison: &Comparison, words: &CompareCsvWords) -> String {
    let mut out = words
        .header
        .iter()
        .map(|h| cell_text(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    let cell = |v: Option<f64>| v.map(cell_f64).unwrap_or_default();
    for (row, outcome_name) in comparison.outcomes.iter().zip(&words.outcomes) {
        for (p, plan) in comparison.plans.iter().enumerate() {
            let value = row.values.get(p).copied().unwrap_or(f64::NAN);
            let difference = row.differences.get(p).copied().flatten();
            let (difference_cells, runs) = match difference {
                Some(d) => {
                    let half = d.half_width_95();
                    let paired = if d.paired {
                        &words.paired
                    } else {
                        &words.unpaired
                    };
                    (
                        [
                            cell_f64(d.difference),
                            cell(d.se),
                            cell(half.map(|h| d.difference - h)),
                            cell(half.map(|h| d.difference + h)),
                            cell(d.se_paired),
                            cell(d.se_unpaired),
                            cell_text(paired),
                        ],
                        d.runs,
                    )
                }
                None => (Default::default(), plan.runs),
            };
            let _ = writeln!(
                out,
                "{},{},{},{},{}",
                cell_text(outcome_name),
                cell_text(&plan.name),
                cell_f64(value),
                difference_cells.join(","),
                runs
            );
        }
    }
    out
}

/// A plan set as a file: pretty JSON with a final newline.
pub fn plan_set_json(set: &PlanSet) -> String {
    let mut text = serde_json::to_string_pretty(set).unwrap_or_default();
    text.push('\n');
    text
}

/// Why a plan-set file could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanSetFileError {
    /// Not JSON, or JSON that is not a plan set (as [`ScenarioFileError::Syntax`]).
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// No plan, too many, or a plan that does not pass validation.
    Invalid(PlanSetError),
}

impl fmt::Display for PlanSetFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanSetFileError::Syntax {
                line,
                column,
                message,
            } => write!(
                f,
                "not a valid plan-set file: {message} (line {line}, column {column})"
            ),
            PlanSetFileError::Invalid(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for PlanSetFileError {}

/// Reads a plan-set file ([`plan_set_json`]'s format; a leading byte-order
/// mark is accepted) and checks it ([`PlanSet::check`]).
pub fn read_plan_set(text: &str) -> Result<PlanSet, PlanSetFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let set: PlanSet = serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        PlanSetFileError::Syntax {
            line: e.line(),
            column: e.column(),
            message: full.strip_suffix(&suffix).unwrap_or(&full).to_string(),
        }
    })?;
    set.check().map_err(PlanSetFileError::Invalid)?;
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{run_all, Capacity};

    /// The machine header is the columns' keys; other words change the
    /// words only, never the numbers.
    #[test]
    fn comparison_words_change_words_not_numbers() {
        assert_eq!(COMPARE_HEADER, COMPARE_COLUMNS.join(","));
        let scenario = Scenario {
            runs: 20,
            ..crate::presets::example_city()
        };
        let batch = crate::Batch::new(&scenario).unwrap();
        let mut halved = scenario.clone();
        halved.community.grid_workers /= 2;
        let a = crate::PlanRuns::of(&scenario, &batch.run_range(0..20));
        let b = crate::PlanRuns::of(
            &halved,
            &crate::Batch::new(&halved).unwrap().run_range(0..20),
        );
        let table = crate::compare(&[("a", &a), ("b, halved", &b)]).unwrap();
        let keys = compare_csv(&table);
        let words = CompareCsvWords {
            header: COMPARE_COLUMNS.map(|c| format!("«{c}»")),
            outcomes: OUTCOMES.map(|o| format!("«{}»", o.key())),
            paired: "yes".into(),
            unpaired: "no".into(),
        };
        let worded = compare_csv_in(&table, &words);
        assert_eq!(keys.lines().count(), worded.lines().count());
        assert!(worded.starts_with("«outcome»,«plan»,"));
        let back = worded.replace(['«', '»'], "").replace(",yes,", ",true,");
        assert_eq!(back, keys);
        assert!(keys.contains(",\"b, halved\","));
    }

    fn small_results() -> (Scenario, Results) {
        let mut s = Scenario {
            runs: 8,
            days: 30,
            ..Scenario::default()
        };
        s.hospital.unlimited_beds = true;
        let results = run_all(&s).expect("valid scenario");
        (s, results)
    }

    #[test]
    fn gateway_csv_and_summary_rows_name_each_gateway() {
        let (s, r) = small_results();
        let csv = gateways_csv(&r);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], GATEWAYS_HEADER);
        assert_eq!(
            lines.len() - 1,
            s.days as usize * s.gateways.len() * GatewaySeries::ALL.len()
        );
        // Day 1, gateway 2 (the highway exits), arrivals: 20,000 in every run.
        let row = 2 * GatewaySeries::ALL.len() + 1;
        assert_eq!(
            lines[row],
            "1,2,arrivals,20000,20000,20000,20000,20000,20000"
        );
        let summary = summary_csv(&r);
        assert!(summary.contains("\ngateway.2.name,Highway exits (6)\n"));
        assert!(summary.contains("\ngateway.1.p_short,"));
        assert!(summary.contains("\ngateway.0.peak_hour_wait_minutes.p95,"));
        assert!(summary.contains("\ngateway.2.infected_unchecked.p50,"));
        assert!(summary.ends_with("\n"));
    }

    #[test]
    fn daily_csv_has_every_series_every_day() {
        let (s, r) = small_results();
        let csv = daily_csv(&r);
        assert!(csv.ends_with('\n') && !csv.contains('\r'));
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], DAILY_HEADER);
        assert_eq!(lines[0], "day,series,mean,p5,p25,p50,p75,p95");
        let days = r.daily[0].mean.len();
        assert_eq!(days, s.days as usize);
        assert_eq!(lines.len() - 1, days * Series::ALL.len());
        for line in &lines[1..] {
            assert_eq!(line.split(',').count(), 8, "{line}");
        }
        // A known value: the band of the local infections on the fourth
        // simulated day (index 3), written as day 4: days count from 1.
        let band = r.band(Series::LocalInfections);
        let expected = format!(
            "4,local_infections,{},{},{},{},{},{}",
            cell_f32(band.mean[3]),
            cell_f32(band.p5[3]),
            cell_f32(band.p25[3]),
            cell_f32(band.p50[3]),
            cell_f32(band.p75[3]),
            cell_f32(band.p95[3])
        );
        assert!(lines.contains(&expected.as_str()), "{expected}");
        // Day-major: day 1's series in Series::ALL order first, then day 2.
        for (i, series) in Series::ALL.iter().enumerate() {
            assert!(lines[1 + i].starts_with(&format!("1,{},", series.key())));
            assert!(lines[1 + Series::ALL.len() + i].starts_with(&format!("2,{},", series.key())));
        }
        // Unlimited beds: the capacity series is infinite, an empty cell.
        assert!(r.band(Series::BedsCapacity).p50[5].is_infinite());
        let beds = lines
            .iter()
            .find(|l| l.starts_with("6,beds_capacity,"))
            .unwrap();
        assert_eq!(*beds, "6,beds_capacity,,,,,,");
        // Every other cell a finite number in plain notation.
        for line in &lines[1..] {
            for cell in line.split(',').skip(2) {
                assert!(
                    cell.is_empty() || cell.parse::<f64>().is_ok_and(|v| v.is_finite()),
                    "{line}"
                );
                assert!(!cell.contains(['e', 'E']) && cell != "-0", "{line}");
            }
        }
    }

    #[test]
    fn summary_csv_lists_the_figures() {
        let (_, r) = small_results();
        let csv = summary_csv(&r);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], SUMMARY_HEADER);
        let get = |metric: &str| -> String {
            lines
                .iter()
                .find_map(|l| l.strip_prefix(&format!("{metric},")))
                .unwrap_or_else(|| panic!("no {metric}"))
                .to_string()
        };
        assert_eq!(
            get("p_no_local_transmission"),
            cell_f64(r.summary.p_no_local_transmission)
        );
        assert_eq!(get("p_contained"), cell_f64(r.summary.p_contained));
        assert_eq!(
            get("local_infections.mean"),
            cell_f64(r.summary.local_infections.mean)
        );
        for stat in ["mean", "p5", "p25", "p50", "p75", "p95"] {
            get(&format!("local_infections.{stat}"));
            get(&format!("days_to_first_local_detection.{stat}"));
        }
        for c in Capacity::ALL {
            for part in ["p_exceeded", "p_first", "median_first_day"] {
                get(&format!("capacity.{}.{part}", c.key()));
            }
        }
        // The first day a capacity ran out counts from 1, as the daily file.
        for c in &r.summary.capacities {
            assert_eq!(
                get(&format!("capacity.{}.median_first_day", c.capacity.key())),
                c.median_first_day
                    .map(|d| cell_f64(d + 1.0))
                    .unwrap_or_default()
            );
        }
        get("caught_at_checkpoint_share");
        get("first_bottleneck");
        get("p_truncated");
        assert_eq!(get("supplies.masks.meets_standard"), "1");
        get("supplies.reagent.days_at_full_load");
        assert_eq!(get("runs"), "8");
        assert_eq!(get("runs_planned"), "8");
        assert_eq!(get("seed"), r.seed.to_string());
        assert_eq!(get("days"), "30");
        for line in &lines {
            assert_eq!(line.split(',').count(), 2, "{line}");
        }
        // The module documentation lists every metric, once.
        let doc = include_str!("report.rs");
        for line in &lines[1..] {
            let metric = line.split(',').next().unwrap();
            // Per-gateway rows are documented once as `gateway.<i>.…`.
            let generic;
            let metric = match metric.strip_prefix("gateway.") {
                Some(rest) => {
                    let (index, part) = rest.split_once('.').unwrap();
                    assert!(index.parse::<usize>().is_ok(), "{metric}");
                    generic = format!("gateway.<i>.{part}");
                    generic.as_str()
                }
                None => metric,
            };
            let documented = match metric.rsplit_once('.') {
                _ if metric.starts_with("supplies.") => {
                    let (_, rest) = metric.split_once('.').unwrap();
                    let (key, part) = rest.split_once('.').unwrap();
                    assert!(doc.contains(&format!("`{key}`")), "{key}");
                    format!("`supplies.<item>.{part}`")
                }
                Some((figure, stat))
                    if figure.starts_with("gateway.")
                        && !["mean", "p5", "p25", "p50", "p75", "p95"].contains(&stat) =>
                {
                    format!("`{metric}`")
                }
                Some((figure, stat)) if !figure.starts_with("capacity.") => {
                    assert!(["mean", "p5", "p25", "p50", "p75", "p95"].contains(&stat));
                    format!("`{figure}.*`")
                }
                _ => match metric.strip_prefix("capacity.") {
                    Some(rest) => {
                        let (key, part) = rest.split_once('.').unwrap();
                        assert!(doc.contains(&format!("`{key}`")), "{key}");
                        format!("`capacity.<key>.{part}`")
                    }
                    None => format!("`{metric}`"),
                },
            };
            assert!(
                doc.contains(&format!("//! | {documented} |")),
                "{metric} is not documented"
            );
        }
        for series in GatewaySeries::ALL {
            assert!(
                doc.contains(&format!("//! | `{}` |", series.key())),
                "{} is not documented",
                series.key()
            );
        }
        for series in Series::ALL {
            assert!(
                doc.contains(&format!("//! | `{}` |", series.key())),
                "{} is not documented",
                series.key()
            );
        }
    }

    #[test]
    fn cells() {
        assert_eq!(cell_f64(f64::INFINITY), "");
        assert_eq!(cell_f64(f64::NEG_INFINITY), "");
        assert_eq!(cell_f64(f64::NAN), "");
        assert_eq!(cell_f32(f32::INFINITY), "");
        assert_eq!(cell_f32(f32::NAN), "");
        assert_eq!(cell_f32(0.1), "0.1");
        assert_eq!(cell_f32(-0.0), "0");
        assert_eq!(cell_f64(-0.0), "0");
        assert_eq!(cell_f64(1e21), "1000000000000000000000");
        assert_eq!(cell_f64(0.25), "0.25");
        assert_eq!(cell_f32(5000.0), "5000");
        assert_eq!(cell_text("a,b"), "\"a,b\"");
        assert_eq!(cell_text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell_text("plain"), "plain");
    }

    #[test]
    fn scenario_files_round_trip_with_or_without_a_bom() {
        let mut s = Scenario::default();
        s.quarantine.rooms = 4321;
        let text = scenario_json(&s);
        assert!(text.contains("\"rooms\": 4321"));
        assert!(text.ends_with("}\n"));
        assert_eq!(read_scenario(&text), Ok(s.clone()));
        assert_eq!(read_scenario(&format!("\u{feff}{text}")), Ok(s));
    }

    #[test]
    fn a_partial_file_takes_the_other_fields_from_the_default() {
        let s = read_scenario("{\"runs\": 50}").unwrap();
        assert_eq!(s.runs, 50);
        assert_eq!(s.days, Scenario::default().days);
    }

    #[test]
    fn a_partial_supply_item_keeps_the_example_citys_other_figures() {
        let s = read_scenario(r#"{"supplies": {"masks": {"stock": 5000}}}"#).unwrap();
        let default = Scenario::default().supplies;
        assert_eq!(s.supplies.masks.stock, 5_000.0);
        assert_eq!(
            s.supplies.masks.per_grid_shift,
            default.masks.per_grid_shift
        );
        assert_eq!(s.supplies.swabs, default.swabs);
        assert!(read_scenario(r#"{"supplies": {"masks": {"stok": 1}}}"#).is_err());
    }

    #[test]
    fn syntax_errors_say_where() {
        let error = read_scenario("{\n  \"days\": 30,\n  \"runs\": ,\n}").unwrap_err();
        let ScenarioFileError::Syntax {
            line,
            column,
            message,
        } = &error
        else {
            panic!("{error:?}");
        };
        assert_eq!((*line, *column), (3, 11));
        assert!(!message.contains("at line"), "{message}");
        assert_eq!(
            error.to_string(),
            format!("not a valid scenario file: {message} (line 3, column 11)")
        );
        // A BOM does not shift the reported column.
        let with_bom = read_scenario("\u{feff}{\"runs\": }").unwrap_err();
        assert!(
            matches!(
                with_bom,
                ScenarioFileError::Syntax {
                    line: 1,
                    column: 10,
                    ..
                }
            ),
            "{with_bom:?}"
        );
        match read_scenario("{\"no_such_field\": 1}") {
            Err(ScenarioFileError::Syntax { message, .. }) => {
                assert!(
                    message.contains("unknown field `no_such_field`"),
                    "{message}"
                )
            }
            other => panic!("{other:?}"),
        }
        // Not even text a scenario could be.
        assert!(matches!(
            read_scenario(""),
            Err(ScenarioFileError::Syntax { line: 1, .. })
        ));
    }

    #[test]
    fn invalid_values_name_their_field() {
        let mut s = Scenario {
            days: 0,
            ..Scenario::default()
        };
        s.gateways[1].risk_area_share = 1.5;
        let error = read_scenario(&scenario_json(&s)).unwrap_err();
        let ScenarioFileError::Invalid(errors) = &error else {
            panic!("{error:?}");
        };
        let paths: Vec<&str> = errors.0.iter().map(|e| e.path.as_str()).collect();
        assert!(paths.contains(&"days"), "{paths:?}");
        assert!(paths.contains(&"gateways[1].risk_area_share"), "{paths:?}");
        let text = error.to_string();
        assert_eq!(text.lines().count(), errors.0.len(), "{text}");
        assert!(
            text.contains("days: 0 is outside the allowed range 1 to 730"),
            "{text}"
        );
        // Reading without checking accepts it.
        assert_eq!(scenario_from_json(&scenario_json(&s)), Ok(s));
    }
}
