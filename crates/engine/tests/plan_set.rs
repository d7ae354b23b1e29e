//! Plan sets at their boundaries: the `#p1.…` link (round trip, a golden
//! link, damaged links refused), the plan-set file, and the comparison CSV.

use cordon_engine::compare::{compare, NamedPlan, PlanRuns, PlanSet, MAX_PLANS, OUTCOMES};
use cordon_engine::link::{self, decode_plans, encode_plans, LinkError};
use cordon_engine::report::{compare_csv, plan_set_json, read_plan_set, PlanSetFileError};
use cordon_engine::{presets, Batch, PlanSetError, Scenario};

fn two_plans() -> PlanSet {
    let baseline = presets::example_city();
    let mut halved = baseline.clone();
    halved.community.grid_workers /= 2;
    PlanSet {
        plans: vec![
            NamedPlan {
                name: "现行方案".into(),
                scenario: baseline,
            },
            NamedPlan {
                name: "Grid workers halved, 50%".into(),
                scenario: halved,
            },
        ],
    }
}

#[test]
fn plan_set_links_round_trip_and_stay_short() {
    let set = two_plans();
    let link = encode_plans(&set);
    assert!(link.starts_with("p1."), "{link}");
    assert_eq!(decode_plans(&link).unwrap(), set);
    assert_eq!(
        decode_plans(&format!("https://x.test/#{link}")).unwrap(),
        set
    );
    // Short enough for a chat message (the names are most of it).
    assert!(link.len() < 120, "{} characters", link.len());
    // Four plans, the most a set holds.
    let mut four = set.clone();
    for i in 0..2 {
        let mut plan = set.plans[1].clone();
        plan.name = format!("plan {i}");
        plan.scenario.quarantine.rooms += 100 * (i + 1);
        four.plans.push(plan);
    }
    assert_eq!(four.plans.len(), MAX_PLANS);
    assert_eq!(decode_plans(&encode_plans(&four)).unwrap(), four);
}

/// A plan-set link of version 1, frozen: it must open for ever.
#[test]
fn golden_plan_set_link_opens() {
    const GOLDEN: &str = include_str!("../testdata/plan_set_v1.link");
    let set = decode_plans(GOLDEN.trim()).unwrap();
    assert_eq!(set, two_plans_as_of_v1());
}

/// What the golden link holds (the example city as it stood when plan-set
/// links were defined, and a copy with half the grid workers).
fn two_plans_as_of_v1() -> PlanSet {
    let mut set = two_plans();
    let json: serde_json::Value =
        serde_json::from_str(include_str!("../testdata/plan_set_v1.json")).unwrap();
    let scenario: Scenario = serde_json::from_value(json).unwrap();
    set.plans[0].scenario = scenario.clone();
    set.plans[1].scenario = scenario;
    set.plans[1].scenario.community.grid_workers /= 2;
    set
}

#[test]
fn damaged_plan_set_links_are_refused_and_scenario_links_are_not_plan_sets() {
    let link = encode_plans(&two_plans());
    let scenario_link = link::encode(&presets::example_city());
    assert_eq!(decode_plans(&scenario_link), Err(LinkError::NotALink));
    assert_eq!(link::decode(&link), Err(LinkError::NotALink));
    assert!(matches!(
        decode_plans(&link.replacen("p1.", "p2.", 1)),
        Err(LinkError::UnsupportedVersion { found: 2, .. })
    ));
    // Every cut and every changed character is refused, never a panic.
    for end in 3..link.len() {
        assert!(decode_plans(&link[..end]).is_err(), "cut at {end}");
    }
    let bytes = link.as_bytes();
    for i in (3..bytes.len()).step_by(7) {
        let mut changed = bytes.to_vec();
        changed[i] = if changed[i] == b'A' { b'B' } else { b'A' };
        let text = String::from_utf8(changed).unwrap();
        assert!(decode_plans(&text).is_err(), "changed at {i}");
    }
    // Empty sets and invalid plans.
    assert!(matches!(
        decode_plans(&encode_plans(&PlanSet::default())),
        Err(LinkError::Corrupt(_))
    ));
    let mut bad = two_plans();
    bad.plans[1].scenario.runs = 0;
    assert!(matches!(
        decode_plans(&encode_plans(&bad)),
        Err(LinkError::InvalidScenario(_))
    ));
}

#[test]
fn plan_set_files_round_trip_and_name_the_bad_plan() {
    let set = two_plans();
    let text = plan_set_json(&set);
    assert!(text.ends_with("}\n"));
    assert_eq!(read_plan_set(&text).unwrap(), set);
    assert_eq!(read_plan_set(&format!("\u{feff}{text}")).unwrap(), set);
    assert!(matches!(
        read_plan_set("{\"plans\": [], \"extra\": 1}"),
        Err(PlanSetFileError::Syntax { line: 1, .. })
    ));
    assert_eq!(
        read_plan_set("{\"plans\": []}"),
        Err(PlanSetFileError::Invalid(PlanSetError::NoPlans))
    );
    let mut bad = set.clone();
    bad.plans[1].scenario.community.grid_workers = u32::MAX;
    bad.plans[1].scenario.runs = 0;
    let error = read_plan_set(&plan_set_json(&bad)).unwrap_err();
    assert!(error
        .to_string()
        .starts_with("plan 2 (“Grid workers halved, 50%”): "));
    assert!(error.to_string().contains("runs"), "{error}");
}

#[test]
fn comparison_csv_has_a_row_per_outcome_and_plan() {
    let set = two_plans();
    let runs: Vec<PlanRuns> = set
        .plans
        .iter()
        .map(|p| {
            let scenario = Scenario {
                runs: 20,
                ..p.scenario.clone()
            };
            let batch = Batch::new(&scenario).unwrap();
            PlanRuns::of(&scenario, &batch.run_range(0..20))
        })
        .collect();
    let named: Vec<(&str, &PlanRuns)> = set
        .plans
        .iter()
        .zip(&runs)
        .map(|(p, r)| (p.name.as_str(), r))
        .collect();
    let table = compare(&named).unwrap();
    let csv = compare_csv(&table);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + OUTCOMES.len() * 2);
    assert_eq!(
        lines[0],
        "outcome,plan,value,difference,se,ci95_low,ci95_high,se_paired,se_unpaired,paired,runs"
    );
    assert!(lines[1].starts_with("p_no_local_transmission,现行方案,"));
    assert!(lines[1].ends_with(",,,,,,,,20"), "{}", lines[1]);
    assert!(lines[2].starts_with("p_no_local_transmission,\"Grid workers halved, 50%\","));
    assert!(lines[2].ends_with(",true,20"), "{}", lines[2]);
    for line in &lines[1..] {
        assert_eq!(
            line.matches(',').count() - line.matches(", 50%").count(),
            10,
            "{line}"
        );
    }
}
