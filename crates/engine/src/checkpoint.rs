//! Checkpoints as queueing systems.
//!
//! Each staffed hour a checkpoint is an M/M/c queue: `c` working inspectors
//! (the smaller of posts and staff on shift), each checking `mu` travellers an
//! hour. While arrivals stay below capacity the wait is Erlang C's; when they
//! exceed it the excess either queues (a fluid backlog carried from hour to
//! hour) or, by policy, passes unchecked. Hours outside the staffed window
//! are unchecked.
//!
//! Every traveller let through unchecked is counted under one reason
//! ([`CheckpointDay::unchecked_by_policy`], [`CheckpointDay::unchecked_by_cap`],
//! [`CheckpointDay::unchecked_unstaffed`]), so a wait that stops growing at
//! the queue cap ([`MAX_QUEUE_HOURS`]) shows as travellers waved through
//! rather than as a plateau. Staff per shift beyond the number of posts have
//! no post and check nobody (`validate::warnings` says so).

use crate::scenario::{Checkpoint, HourlyProfile, OverloadPolicy};

/// The longest queue a checkpoint keeps, in hours of its own work: past
/// that, under the "queue" policy too, the excess is waved through (a queue
/// of days is not a policy anyone keeps).
pub const MAX_QUEUE_HOURS: f64 = 2.0;

/// Share of a day's arrivals in each hour, for each profile (sums to one).
pub fn hourly_shares(profile: HourlyProfile) -> [f64; 24] {
    let raw: [f64; 24] = match profile {
        HourlyProfile::Flat => [1.0; 24],
        // Trains and coaches: quiet at night, peaks around 09:00 and 18:00.
        HourlyProfile::Daytime => [
            0.3, 0.2, 0.1, 0.1, 0.1, 0.3, 1.0, 2.5, 4.0, 5.0, 4.5, 4.0, 3.5, 3.5, 4.0, 4.5, 5.0,
            5.5, 6.0, 5.0, 4.0, 3.0, 1.5, 0.8,
        ],
        // Roads: a broad daytime hump, a night trickle.
        HourlyProfile::Road => [
            1.0, 0.8, 0.6, 0.6, 0.8, 1.5, 3.0, 4.5, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0,
            5.0, 4.5, 4.0, 3.0, 2.5, 2.0, 1.5,
        ],
    };
    let total: f64 = raw.iter().sum();
    raw.map(|x| x / total)
}

/// Erlang C: probability that an arrival waits, for `servers` servers and
/// offered load `load = lambda / mu` (requires `load < servers`).
pub fn erlang_c(servers: u32, load: f64) -> f64 {
    if servers == 0 {
        return 1.0;
    }
    let c = f64::from(servers);
    if load >= c {
        return 1.0;
    }
    if load <= 0.0 {
        return 0.0;
    }
    // term_k = load^k / k!, accumulated without overflow via Erlang B recursion.
    let mut erlang_b = 1.0;
    for k in 1..=servers {
        let kf = f64::from(k);
        erlang_b = load * erlang_b / (kf + load * erlang_b);
    }
    let rho = load / c;
    erlang_b / (1.0 - rho + rho * erlang_b)
}

/// Mean wait in the queue (hours) of an M/M/c queue.
pub fn mm_c_mean_wait_hours(servers: u32, lambda: f64, mu: f64) -> f64 {
    let capacity = f64::from(servers) * mu;
    if lambda <= 0.0 {
        return 0.0;
    }
    if lambda >= capacity {
        return f64::INFINITY;
    }
    erlang_c(servers, lambda / mu) / (capacity - lambda)
}

/// Staffed fraction of each hour: shifts cover a window centred on 14:00
/// (e.g. 16 hours: 06:00 to 22:00); 24 hours or more covers the whole day.
pub fn staffed_fraction(checkpoint: &Checkpoint) -> [f64; 24] {
    let staffed = (f64::from(checkpoint.shifts) * checkpoint.shift_hours).clamp(0.0, 24.0);
    let start = if staffed >= 24.0 {
        0.0
    } else {
        (14.0 - staffed / 2.0).max(0.0)
    };
    let end = (start + staffed).min(24.0);
    let mut fraction = [0.0; 24];
    for (hour, f) in fraction.iter_mut().enumerate() {
        let h0 = hour as f64;
        let overlap = (end.min(h0 + 1.0) - start.max(h0)).max(0.0);
        *f = overlap.min(1.0);
    }
    fraction
}

/// What happened at one checkpoint on one day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckpointDay {
    /// Travellers arriving in each hour.
    pub arrivals_by_hour: [f64; 24],
    /// Share of each hour's arrivals that were checked.
    pub checked_share_by_hour: [f64; 24],
    /// Share of the whole day's arrivals that were checked.
    pub checked_share: f64,
    /// Mean wait of a checked traveller, minutes.
    pub mean_wait_minutes: f64,
    /// Largest queue (travellers) in any hour.
    pub max_queue: f64,
    /// Queue carried into the next day.
    pub backlog_at_midnight: f64,
    /// Some hour's arrivals exceeded capacity.
    pub overloaded: bool,
    /// Wait of a checked traveller in the day's worst hour, minutes.
    pub peak_hour_wait_minutes: f64,
    /// Checks an hour with the day's staff at their posts (fully staffed hour).
    pub checks_per_hour: f64,
    /// Travellers waved through by the overload policy ("wave through"
    /// when arrivals exceed what the inspectors can check).
    pub unchecked_by_policy: f64,
    /// Travellers waved through because the queue reached its cap
    /// ([`MAX_QUEUE_HOURS`] of work) under the "queue" policy.
    pub unchecked_by_cap: f64,
    /// Travellers passing in hours (or parts of hours) nobody is on duty,
    /// including those still queuing when the last shift ends.
    pub unchecked_unstaffed: f64,
}

/// Runs one day of a checkpoint with `staff_per_shift` inspectors on duty
/// (after absences), `arrivals` travellers and `backlog` travellers still
/// queuing from the previous day.
pub fn simulate_day(
    checkpoint: &Checkpoint,
    staff_per_shift: f64,
    arrivals: f64,
    backlog: f64,
) -> CheckpointDay {
    let shares = hourly_shares(checkpoint.hourly_profile);
    let staffed = staffed_fraction(checkpoint);
    let mu = checkpoint.inspections_per_staff_hour;
    let servers_on_duty = staff_per_shift.min(f64::from(checkpoint.posts)).max(0.0);
    let mut day = CheckpointDay {
        checks_per_hour: servers_on_duty * mu,
        ..CheckpointDay::default()
    };
    if !checkpoint.enabled {
        day.arrivals_by_hour = shares.map(|s| s * arrivals);
        return day;
    }
    let mut backlog = backlog;
    let mut checked_total = 0.0;
    let mut wait_weighted = 0.0;
    let mut peak_wait_h = 0.0f64;
    for hour in 0..24 {
        let lambda = shares[hour] * arrivals;
        day.arrivals_by_hour[hour] = lambda;
        let fraction = staffed[hour];
        let servers = servers_on_duty.floor() as u32;
        let capacity = servers_on_duty * mu * fraction;
        if fraction <= 0.0 || servers == 0 || mu <= 0.0 {
            // Nobody checks this hour; whoever was queuing walks through.
            day.unchecked_unstaffed += lambda.max(0.0) + backlog;
            backlog = 0.0;
            day.checked_share_by_hour[hour] = 0.0;
            continue;
        }
        let checked_here = if lambda > 0.0 { lambda * fraction } else { 0.0 };
        day.unchecked_unstaffed += (lambda - checked_here).max(0.0);
        let hour_wait_h;
        match checkpoint.overload {
            OverloadPolicy::Queue => {
                let demand = backlog + checked_here;
                let served = demand.min(capacity);
                let start_backlog = backlog;
                backlog = demand - served;
                // Nobody queues for ever: beyond MAX_QUEUE_HOURS of work the
                // excess is waved through unchecked.
                let longest = capacity * MAX_QUEUE_HOURS;
                let waved = (backlog - longest).max(0.0);
                backlog -= waved;
                day.unchecked_by_cap += waved;
                let checked = checked_here - waved.min(checked_here);
                if checked_here >= capacity || start_backlog > 0.0 {
                    if checked_here >= capacity {
                        day.overloaded = true;
                    }
                    // Fluid queue: mean time to clear half the hour's start and end backlog.
                    let mean_queue = (start_backlog + backlog) / 2.0;
                    let wait_h = mean_queue / capacity.max(1e-9)
                        + mm_c_mean_wait_hours(servers, 0.95 * servers_on_duty * mu, mu).min(1.0);
                    wait_weighted += wait_h * checked;
                    hour_wait_h = wait_h;
                    day.max_queue = day.max_queue.max(backlog.max(start_backlog));
                } else {
                    let wait_h = mm_c_mean_wait_hours(servers, checked_here / fraction, mu);
                    wait_weighted += wait_h * checked;
                    hour_wait_h = wait_h;
                    day.max_queue = day.max_queue.max(wait_h * checked_here / fraction);
                }
                checked_total += checked;
                day.checked_share_by_hour[hour] = if lambda > 0.0 {
                    checked / lambda
                } else {
                    fraction
                };
            }
            OverloadPolicy::WaveThrough => {
                let checked = checked_here.min(0.95 * capacity);
                if checked_here > 0.95 * capacity {
                    day.overloaded = true;
                }
                day.unchecked_by_policy += checked_here - checked;
                let wait_h = mm_c_mean_wait_hours(servers, checked / fraction, mu);
                wait_weighted += wait_h * checked;
                hour_wait_h = wait_h;
                day.max_queue = day.max_queue.max(wait_h * checked / fraction);
                checked_total += checked;
                day.checked_share_by_hour[hour] = if lambda > 0.0 {
                    checked / lambda
                } else {
                    fraction
                };
            }
        }
        peak_wait_h = f64::max(peak_wait_h, hour_wait_h);
    }
    day.backlog_at_midnight = backlog;
    day.peak_hour_wait_minutes = 60.0 * peak_wait_h;
    day.checked_share = if arrivals > 0.0 {
        checked_total / arrivals
    } else {
        1.0
    };
    day.mean_wait_minutes = if checked_total > 0.0 {
        60.0 * wait_weighted / checked_total
    } else {
        0.0
    };
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erlang_c_known_answer() {
        // Brief: lambda 300/h, 9 inspectors at 40/h: P(wait) ~ 0.509, mean wait ~ 0.51 min.
        let p = erlang_c(9, 300.0 / 40.0);
        assert!((p - 0.509).abs() < 0.001, "{p}");
        let wait_min = 60.0 * mm_c_mean_wait_hours(9, 300.0, 40.0);
        assert!((wait_min - 0.51).abs() < 0.005, "{wait_min}");
        // M/M/1: P(wait) = rho.
        assert!((erlang_c(1, 0.7) - 0.7).abs() < 1e-12);
    }

    #[test]
    fn staffed_window() {
        let cp = Checkpoint {
            shifts: 2,
            shift_hours: 8.0,
            ..Checkpoint::default()
        };
        let f = staffed_fraction(&cp);
        assert_eq!(f.iter().sum::<f64>(), 16.0);
        assert_eq!(f[5], 0.0);
        assert_eq!(f[6], 1.0);
        assert_eq!(f[21], 1.0);
        assert_eq!(f[22], 0.0);
    }

    #[test]
    fn the_wait_does_not_plateau_silently() {
        // Past the queue cap the mean wait stops growing; the travellers
        // waved through by the cap keep growing with the arrivals instead.
        let cp = Checkpoint {
            shifts: 3,
            posts: 2,
            staff_per_shift: 2,
            inspections_per_staff_hour: 50.0,
            hourly_profile: HourlyProfile::Flat,
            ..Checkpoint::default()
        };
        let busy = simulate_day(&cp, 2.0, 4800.0, 0.0);
        let busier = simulate_day(&cp, 2.0, 9600.0, 0.0);
        assert!((busier.mean_wait_minutes - busy.mean_wait_minutes).abs() < 15.0);
        assert!((busier.unchecked_by_cap - busy.unchecked_by_cap - 4800.0).abs() < 1e-6);
        // Two shifts of eight hours: the eight unstaffed hours pass unchecked,
        // with the queue left when the last shift ends.
        let two_shifts = Checkpoint { shifts: 2, ..cp };
        let day = simulate_day(&two_shifts, 2.0, 2400.0, 0.0);
        assert!(
            day.unchecked_unstaffed >= 800.0,
            "{}",
            day.unchecked_unstaffed
        );
        // Staff beyond the posts check nobody more.
        let extra = simulate_day(&cp, 6.0, 4800.0, 0.0);
        assert_eq!(extra.checked_share, busy.checked_share);
        assert_eq!(extra.checks_per_hour, 100.0);
    }

    #[test]
    fn overload_queues_or_waves_through() {
        let mut cp = Checkpoint {
            shifts: 3,
            posts: 2,
            staff_per_shift: 2,
            inspections_per_staff_hour: 50.0,
            hourly_profile: HourlyProfile::Flat,
            ..Checkpoint::default()
        };
        // 4,800 a day = 200 an hour against 100 an hour of capacity.
        let queued = simulate_day(&cp, 2.0, 4800.0, 0.0);
        assert!(queued.overloaded);
        // The queue grows to two hours of work (200), then the excess is waved through:
        // 2,400 checked, 200 still queuing at midnight, 2,200 unchecked.
        assert!((queued.backlog_at_midnight - 200.0).abs() < 1e-6);
        assert!(
            (queued.checked_share - 2600.0 / 4800.0).abs() < 1e-9,
            "{}",
            queued.checked_share
        );
        assert!(queued.mean_wait_minutes > 60.0 && queued.mean_wait_minutes < 180.0);
        // The cap waves 2,200 through, and they are counted, not lost.
        assert!((queued.unchecked_by_cap - 2200.0).abs() < 1e-6);
        assert_eq!(queued.unchecked_by_policy, 0.0);
        assert_eq!(queued.unchecked_unstaffed, 0.0);
        assert!(queued.peak_hour_wait_minutes >= queued.mean_wait_minutes);
        assert_eq!(queued.checks_per_hour, 100.0);
        cp.overload = OverloadPolicy::WaveThrough;
        let waved = simulate_day(&cp, 2.0, 4800.0, 0.0);
        assert!(
            (waved.checked_share - 0.475).abs() < 1e-9,
            "{}",
            waved.checked_share
        );
        // Beyond the policy's 95 % of capacity every traveller is counted as waved through.
        assert!((waved.unchecked_by_policy - (4800.0 - 0.95 * 2400.0)).abs() < 1e-6);
        assert_eq!(waved.unchecked_by_cap, 0.0);
        // More staff never checks fewer travellers.
        let more = simulate_day(&cp, 3.0, 4800.0, 0.0);
        assert!(more.checked_share >= waved.checked_share);
    }
}
