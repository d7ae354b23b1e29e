//! Scenario links: golden links (every link ever shared must keep opening),
//! round trips over generated scenarios, sizes, and fuzzing of the decoder.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use cordon_engine::dist::Delay;
use cordon_engine::link::{self, LinkError};
use cordon_engine::presets::{self, PRESETS};
use cordon_engine::*;
use proptest::prelude::*;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Scenarios of the golden links and size checks

/// The example city with five edited fields.
fn example_five_edits() -> Scenario {
    let mut s = presets::example_city();
    s.seed = 42;
    s.community.grid_workers = 12_000;
    s.quarantine.rooms = 5_000;
    s.testing.pool_size = 5;
    s.epidemiology.r0 = 6.2;
    s
}

/// The example city with a timeline of events of every kind.
fn with_timeline() -> Scenario {
    let mut s = presets::example_city();
    s.name = "演练：节后返程 + 实验室停摆".into();
    s.days = 90;
    s.timeline = vec![
        TimelineEvent {
            day: 0,
            change: Change::InfectedArrival {
                gateway: 2,
                count: 2,
                unnoticed: false,
            },
        },
        TimelineEvent {
            day: 3,
            change: Change::LocalInfection { count: 1 },
        },
        TimelineEvent {
            day: 5,
            change: Change::StaffAbsent {
                resource: Resource::GridWorkers,
                share: 0.25,
            },
        },
        TimelineEvent {
            day: 7,
            change: Change::SetLevel {
                resource: Resource::QuarantineRooms,
                level: 6_000.0,
            },
        },
        TimelineEvent {
            day: 8,
            change: Change::LabOutage { days: 2 },
        },
        TimelineEvent {
            day: 10,
            change: Change::QuarantineSiteClosed { rooms: 150 },
        },
        TimelineEvent {
            day: 12,
            change: Change::SetContactFactor { factor: 0.35 },
        },
        TimelineEvent {
            day: 14,
            change: Change::DeclareZones { days: 21 },
        },
    ];
    s
}

/// A profile of `n` points.
fn wave(n: u32, peak: f64) -> Vec<ProfilePoint> {
    (0..n)
        .map(|i| ProfilePoint {
            day: i * 7,
            multiplier: 1.0 + peak * f64::from(i % 3) / 2.0,
        })
        .collect()
}

/// Every field of the example city changed, six gateways with time
/// profiles, a Weibull delay and a dozen timeline events: the largest
/// realistic custom scenario.
fn fully_custom() -> Scenario {
    // Every number and flag of the example city, changed by rule.
    fn change(value: &mut Value, key: &str) {
        match value {
            Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    if k != "schema_version" {
                        change(v, k);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| change(v, key)),
            Value::Bool(b) => *b = !*b,
            Value::Number(n) => {
                *value = if let Some(u) = n.as_u64() {
                    let bumped = if key == "shifts" { 2 } else { u + u / 7 + 1 };
                    Value::from(bumped)
                } else {
                    let f = n.as_f64().unwrap();
                    let changed = (f * 0.93 * 1000.0).round() / 1000.0 + 0.001;
                    Value::from(changed)
                };
            }
            _ => {}
        }
    }
    let mut json = serde_json::to_value(presets::example_city()).unwrap();
    change(&mut json, "");
    let mut s: Scenario = serde_json::from_value(json).unwrap();
    // Sections added after these golden links were made keep their
    // defaults here (a custom `supplies` is checked on its own below).
    s.supplies = Supplies::default();
    s.containment = Default::default();
    s.testing.fever_clinic.isolate_at_presentation = false;
    s.testing.fever_clinic.retest_after_days = 0;
    let tracing = Tracing::default();
    s.tracing.starts = tracing.starts;
    s.tracing.delayed = tracing.delayed;
    s.tracing.delay = tracing.delay;
    s.tracing.contacts_held = tracing.contacts_held;
    s.epidemiology.timing = Default::default();
    s.name = "自定义城市 Custom city, 2,000,000 residents".into();
    s.epidemiology.variant = Variant::Custom;
    s.epidemiology.incubation = Delay::Weibull {
        shape: 2.3,
        scale: 5.7,
    };
    let kinds = [
        GatewayKind::Airport,
        GatewayKind::Port,
        GatewayKind::RoadEntrance,
    ];
    for (i, kind) in kinds.into_iter().enumerate() {
        let mut g = s.gateways[i].clone();
        g.kind = kind;
        g.name = format!("新增卡口 {}", i + 1);
        g.arrivals_per_day = 1_234.5 * (i + 1) as f64;
        g.checkpoint.posts = 7 + i as u32;
        g.checkpoint.staff_per_shift = 9 + i as u32;
        g.checkpoint.overload = OverloadPolicy::WaveThrough;
        s.gateways.push(g);
    }
    for (i, g) in s.gateways.iter_mut().enumerate() {
        g.profile = wave(4 + i as u32, 1.5 + i as f64 * 0.25);
    }
    s.quarantine.test_days = vec![0, 2, 5, 7, 10, 14];
    s.timeline = with_timeline().timeline;
    s.timeline.extend([
        TimelineEvent {
            day: 20,
            change: Change::InfectedArrival {
                gateway: 4,
                count: 5,
                unnoticed: false,
            },
        },
        TimelineEvent {
            day: 25,
            change: Change::StaffAbsent {
                resource: Resource::TracingStaff,
                share: 0.4,
            },
        },
        TimelineEvent {
            day: 30,
            change: Change::SetLevel {
                resource: Resource::HospitalBeds,
                level: 100.0,
            },
        },
        TimelineEvent {
            day: 40,
            change: Change::StaffAbsent {
                resource: Resource::TracingStaff,
                share: 0.0,
            },
        },
    ]);
    s
}

fn assert_valid(s: &Scenario) {
    if let Err(e) = validate(s) {
        panic!("test scenario is invalid: {e}");
    }
}

// ---------------------------------------------------------------------------
// Golden links: literal strings produced by link format version 1. They must
// decode to these scenarios for ever; never edit a string here. If a preset
// changes on purpose, the expected scenario is the preset *as it was* (write
// it out in the test), not the new one.

const GOLDEN_EXAMPLE_CITY: &str = "s1.JUNjAAA";
const GOLDEN_EXAMPLE_FIVE_EDITS: &str = "s1.GNQBIQDe_wAAAggrA-BdAAINYQU-AQACCTQDiCcAAQIDKgACCkEDBQ";
const GOLDEN_TIMELINE: &str = "s1.q-Q9zL8OwVAYBfB7e936tMJUFKGJwWD1NF7CfzsSAyIkjUHEZBBDX0ATT3PbmryC0-bG8C2_75zDGM-JAeO80I1CP36tv-El2a7U8ZC8_fix83qeCm6f514Fd7W8RqcN42WLbIOGtqCJMGiMG5FDrmCZGlAOqUCEzk2pRTPpCnAVLDXPpWni1wbXwHndz2WLLoS09MU5nayDLE0L2UnnGqDiv-dAmpDSDw";
const GOLDEN_FULLY_CUSTOM: &str = concat!(
    "s1.-tillVlsE0cYx3f228_7965xcYgJNklwY64maXECbaEXbimllF70vguFtE1boJBwJPASQEIgLgmBgAduXkDikpB",
    "ASEgIcQgJCcFTxCEhYa4XhARCPCD4drKxY7wvKLJsjf_zn5nf_5vZWcMw3BjYNRGzkyOuDg51UBZ9qeNxHeACddQ5G",
    "RnebzFe4zvMaKQYXlUYwZWEBj4VZdTbh8_OO751c1kWFq1Q6OO6-JMvEqPJM_3BD03GX7xSBk9zCfNRhgW8vIrRpof",
    "_7Zmm645yLOQxCu1codBsXxOW9SersphqT81dqLn8WBb4R2EKYgg5IWHrxx2rTssyA9ww0q6NwQrDNeMwhaEKtbo9R",
    "OEVjT9Q4WXYSNkTI2bdspuTsqhBGJUUxaDCUtVkokqkMhhQGIIKVoz-3k-5Y0mNEmQgycrQTVua-xXpdlTaCaWbce1",
    "A3G4v3zfhevvSsRr1_q49qreoXIrKgqrkM7QIlYNQL0U5j7rOpB6sulnZZUGcQ6yJT2y7hxciRilxspQ4KcSmEA8rI",
    "g4FEZtGHpiMIF7fkNaGAvnRKaoXlXaE2y7lDgs3QYWjNzccyO3Yklu1PbdmZ6qhKIUdlOJ830LdTwXXvduS7mGpDTx",
    "Gu_sZvYyG0miORLNKojUWRUNQtOs9Tn9aBSXrdqQLjtqCo6HLUdi5vdtN1Ysj5-ULl-ZzJR-X5BtZlC8clO9MWWHrH",
    "gVvXbcl3cPyXMJuy-gui06LiGvhFxqP3_XF-Jvcqr-aWESX6mGTPNDhzO1le3L7Nt84ujy3dXXuyOLUuLktrbNmpKY",
    "1t7bVpxrrM5mM903NaWppnt40s7UFYbl3x_Bam_Em-shVHMNbvFFWekP-jaKnKYxGBCMF-h0nRAaZxGSTI9leN_G2v",
    "qSjgvkv1xL-E7gZfEwKM1OmkUp_IXUkegQYAmfSwWOLXThuFBMUPtS3-Ef8pFPsH8s9_mn-kvc62viBozdrkg46lq6",
    "stvGJq6XJZOErPi2MX0rLW2N84V0yjh9Kx_sUwUSZUNyf0blDCp_rWd_jziUxxrt0rgofyLisiZeciODPEu8cEWbL9",
    "3_EvS3VqimqEqW_KOT7WlCNVk6QyBUisy_P5VBI-gaJPMA7B_54S8-YEAW-Moo2eFMmRXJ8aR6nvekGihTJj4uLUum",
    "dojwfC5_l85XnaWqExlI-TSJPoyzpS_s01UVuw_Ddw-HK7n_Ld2UPvut6XW5qzHpV-1GX8Sdd_O_5Vpzxs343f0OHF",
    "b6WR-MHJdV7Bg",
);
/// Each preset, by code.
const GOLDEN_PRESETS: &[(&str, &str)] = &[
    ("example-city", "s1.JUNjAAA"),
    ("rail-traveller", "s1.tkVjBAA"),
    ("holiday-return", "s1.G0ZjAgA"),
    ("highway-driver", "s1.bENjBgA"),
    ("cold-chain", "s1.aUVjAQA"),
    ("tour-group", "s1.-ktjBQA"),
    ("international-flights", "s1.T0xjAwA"),
];

fn golden_cases() -> Vec<(&'static str, Scenario)> {
    let mut cases = vec![
        (GOLDEN_EXAMPLE_CITY, presets::example_city()),
        (GOLDEN_EXAMPLE_FIVE_EDITS, example_five_edits()),
        (GOLDEN_TIMELINE, with_timeline()),
        (GOLDEN_FULLY_CUSTOM, fully_custom()),
    ];
    for (id, golden) in GOLDEN_PRESETS {
        let preset = presets::preset(id).expect("preset exists");
        cases.push((golden, (preset.build)()));
    }
    cases
}

#[test]
fn golden_links_decode_to_their_scenarios() {
    for (golden, expected) in golden_cases() {
        assert_valid(&expected);
        match link::decode(golden) {
            Ok(decoded) => assert_eq!(decoded, expected, "golden link {golden}"),
            Err(e) => panic!("golden link {golden} does not decode: {e}"),
        }
    }
}

#[test]
fn golden_links_cover_every_preset() {
    let ids: Vec<&str> = GOLDEN_PRESETS.iter().map(|(id, _)| *id).collect();
    let all: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
    assert_eq!(ids, all, "add a golden link for a new preset");
}

/// Prints the links of the golden scenarios, to add new golden links (never
/// to replace old ones): `cargo test -p cordon-engine --test link -- --ignored --nocapture`.
#[test]
#[ignore]
fn print_links() {
    for (name, s) in [
        ("example five edits", example_five_edits()),
        ("timeline", with_timeline()),
        ("fully custom", fully_custom()),
    ] {
        println!("{name}: {}", link::encode(&s));
    }
    for p in PRESETS {
        println!("{}: {}", p.id, link::encode(&(p.build)()));
    }
}

// ---------------------------------------------------------------------------
// Sizes

#[test]
fn example_city_with_five_edits_fits_in_200_characters() {
    let s = example_five_edits();
    assert_valid(&s);
    let l = link::encode(&s);
    println!("example city + 5 edits: {} characters", l.len());
    assert!(l.len() <= 200, "{} characters: {l}", l.len());
    assert_eq!(link::decode(&l).unwrap(), s);
}

#[test]
fn fully_custom_scenario_fits_in_1500_characters() {
    let s = fully_custom();
    assert_valid(&s);
    let l = link::encode(&s);
    println!("fully custom: {} characters", l.len());
    assert!(l.len() <= 1_500, "{} characters", l.len());
    assert_eq!(link::decode(&l).unwrap(), s);
}

/// Also checks that the frozen version-1 bases equal today's presets. A
/// deliberate change to a preset breaks this test only: old links keep their
/// meaning (they use the frozen bases), new links of that preset just carry
/// the difference. Then relax this test for that preset.
#[test]
fn every_preset_encodes_to_a_tiny_link() {
    for p in PRESETS {
        let s = (p.build)();
        let l = link::encode(&s);
        assert!(l.len() <= 12, "{}: {l}", p.id);
        assert_eq!(link::decode(&l).unwrap(), s);
    }
}

#[test]
fn supplies_travel_by_name_and_old_links_take_the_defaults() {
    // Every supply figure changed: the section travels by name.
    let mut s = example_five_edits();
    let mut json = serde_json::to_value(&s.supplies).unwrap();
    for item in json.as_object_mut().unwrap().values_mut() {
        for v in item.as_object_mut().unwrap().values_mut() {
            *v = Value::from(v.as_f64().unwrap() * 0.5 + 1.0);
        }
    }
    s.supplies = serde_json::from_value(json).unwrap();
    let l = link::encode(&s);
    assert!(l.len() <= 1_000, "{} characters", l.len());
    assert_eq!(link::decode(&l).unwrap(), s);
    // Unchanged supplies cost nothing, and a link made before supplies
    // existed opens with the example city's supplies.
    assert!(link::encode(&example_five_edits()).len() <= 200);
    let old = link::decode(GOLDEN_EXAMPLE_FIVE_EDITS).unwrap();
    assert_eq!(old.supplies, Supplies::default());
}

#[test]
fn model_options_travel_by_name_and_old_links_take_the_defaults() {
    let mut s = example_five_edits();
    s.containment.window_days = 21;
    s.containment.last_day = Some(60);
    s.testing.fever_clinic.isolate_at_presentation = true;
    s.testing.fever_clinic.retest_after_days = 3;
    s.tracing.starts = TracingStart::AtIsolation;
    s.tracing.delayed = true;
    s.tracing.delay = Delay::Gamma { mean: 2.0, sd: 1.0 };
    s.tracing.contacts_held = ContactsHeld::IsolatedAtOnset;
    s.epidemiology.timing.tied_to_onset = true;
    s.epidemiology.timing.presymptomatic_share = 0.2;
    assert_valid(&s);
    let l = link::encode(&s);
    assert!(l.len() <= 400, "{} characters", l.len());
    assert_eq!(link::decode(&l).unwrap(), s);
    // A link made before these options existed opens with their defaults.
    let old = link::decode(GOLDEN_EXAMPLE_FIVE_EDITS).unwrap();
    assert_eq!(old.containment, Containment::default());
    assert_eq!(old.testing.fever_clinic, FeverClinic::default());
    assert_eq!(
        old.tracing.contacts_held,
        ContactsHeld::QuarantinedWhenTraced
    );
    assert_eq!(old.tracing.starts, TracingStart::AtResult);
    assert!(!old.tracing.delayed);
    assert_eq!(old.epidemiology.timing, InfectionTiming::default());
}

#[test]
fn the_best_base_is_chosen() {
    // The holiday-return preset with one edit is short, because it is
    // written against the holiday-return base rather than the example city.
    let mut s = presets::holiday_return();
    s.runs = 500;
    let l = link::encode(&s);
    assert!(l.len() <= 20, "{l}");
    assert_eq!(link::decode(&l).unwrap(), s);
}

// ---------------------------------------------------------------------------
// Forms of links and errors

#[test]
fn accepts_fragments_with_hash_whole_urls_and_wrapped_text() {
    let s = example_five_edits();
    let l = link::encode(&s);
    let (head, tail) = l.split_at(20);
    for form in [
        l.clone(),
        format!("#{l}"),
        format!("https://cordon.example.org/app/index.html#{l}"),
        format!("http://localhost:8080/?lang=zh#{l}"),
        format!("  {head}\n{tail}  \n"),
    ] {
        assert_eq!(link::decode(&form).unwrap(), s, "{form}");
    }
}

#[test]
fn errors_have_stable_codes() {
    let valid = link::encode(&example_five_edits());
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "not_a_link"),
        ("hello".into(), "not_a_link"),
        ("https://example.org/#".into(), "not_a_link"),
        ("s.abc".into(), "not_a_link"),
        ("sx.abc".into(), "not_a_link"),
        ("s01.abc".into(), "not_a_link"),
        ("s2.AAAA".into(), "unsupported_version"),
        ("s0.AAAA".into(), "unsupported_version"),
        ("s99999999999999999999.AAAA".into(), "unsupported_version"),
        ("s1.***".into(), "bad_encoding"),
        ("s1.AAAA=".into(), "bad_encoding"),
        ("s1.A".into(), "bad_encoding"),
        ("s1.".into(), "corrupt"),
        ("s1.AAAA".into(), "corrupt"),
        (format!("{valid}AAAA"), "corrupt"),
    ];
    for cut in 1..valid.len() - 3 {
        let code = link::decode(&valid[..valid.len() - cut])
            .unwrap_err()
            .code();
        assert!(code == "corrupt" || code == "bad_encoding", "{code}");
    }
    for (text, code) in cases {
        match link::decode(&text) {
            Ok(_) => panic!("{text:?} decoded"),
            Err(e) => {
                assert_eq!(e.code(), code, "{text:?}: {e}");
                assert!(!e.to_string().is_empty());
            }
        }
    }
}

#[test]
fn an_invalid_scenario_is_reported_with_its_fields() {
    let mut s = presets::example_city();
    s.runs = 0;
    s.gateways[1].risk_area_share = 1.5;
    let l = link::encode(&s);
    match link::decode(&l) {
        Err(e @ LinkError::InvalidScenario(_)) => {
            assert_eq!(e.code(), "invalid_scenario");
            let text = e.to_string();
            assert!(text.contains("runs"), "{text}");
            assert!(text.contains("gateways[1].risk_area_share"), "{text}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_newer_version_says_so() {
    let e = link::decode("s7.AAAA").unwrap_err();
    assert_eq!(
        e,
        LinkError::UnsupportedVersion {
            found: 7,
            newest: link::LINK_VERSION
        }
    );
    assert!(e.to_string().contains("newer"), "{e}");
}

#[test]
fn every_single_character_change_is_detected() {
    // Exhaustive over two golden links: changing one character never opens
    // a different scenario.
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for golden in [GOLDEN_EXAMPLE_FIVE_EDITS, GOLDEN_TIMELINE] {
        let original = link::decode(golden).unwrap();
        let prefix = golden.find('.').unwrap() + 1;
        for i in prefix..golden.len() {
            for c in ALPHABET.chars() {
                let mut changed = golden.to_string();
                changed.replace_range(i..i + 1, &c.to_string());
                if changed == golden {
                    continue;
                }
                if let Ok(s) = link::decode(&changed) {
                    assert_eq!(s, original, "{changed} opened a different scenario");
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Hostile bodies behind a valid checksum

fn body_error(body: &[u8]) -> LinkError {
    link::decode(&link::seal_body(body)).expect_err("hostile body decoded")
}

#[test]
fn hostile_bodies_are_rejected() {
    // Unknown base preset.
    assert_eq!(body_error(&[200]).code(), "corrupt");
    // Empty body.
    assert_eq!(body_error(&[]).code(), "corrupt");
    // Set at the root an array nested 100,000 deep.
    let mut deep = vec![0, 0, 0];
    for _ in 0..100_000 {
        deep.extend([10, 1]);
    }
    deep.push(0);
    assert_eq!(body_error(&deep).code(), "corrupt");
    // Resize `gateways` (key 6) to 1,000,000 entries.
    let mut huge = vec![0, 1, 1, 6];
    huge.extend([0xc0, 0x84, 0x3d]);
    assert_eq!(body_error(&huge).code(), "corrupt");
    // Repeated resizes to the limit: the node budget stops them.
    let mut repeated = vec![0];
    for _ in 0..200 {
        repeated.extend([1, 1, 6, 0x80, 0x20]); // Resize(gateways, 4096)
        repeated.extend([1, 1, 6, 0]); // Resize(gateways, 0)
        repeated.extend([1, 1, 6, 1]); // Resize(gateways, 1)
    }
    assert_eq!(body_error(&repeated).code(), "corrupt");
    // Resize something that is not a list (key 1, the name).
    assert_eq!(body_error(&[0, 1, 1, 1, 3]).code(), "corrupt");
    // Path through an unknown key index.
    assert_eq!(body_error(&[0, 0, 1, 127, 0]).code(), "corrupt");
    // Path to a missing element: gateways[9].
    assert_eq!(body_error(&[0, 0, 2, 6, 9, 0]).code(), "corrupt");
    // Unknown symbol.
    assert_eq!(body_error(&[0, 0, 1, 1, 8, 127]).code(), "corrupt");
    // Negative integer beyond i64.
    let mut neg = vec![0, 0, 1, 2, 4];
    neg.extend([0xff; 9]);
    neg.push(0x01);
    assert_eq!(body_error(&neg).code(), "corrupt");
    // An array claiming more entries than bytes left.
    assert_eq!(body_error(&[0, 0, 1, 15, 10, 100, 0]).code(), "corrupt");
    // A value of the wrong type for its field (seed as a string).
    assert_eq!(body_error(&[0, 0, 1, 2, 9, 1, b'x']).code(), "corrupt");
    // A field the scenario does not have.
    assert_eq!(
        body_error(&[0, 2, 0, 3, b'z', b'z', b'z', 0]).code(),
        "corrupt"
    );
    // Trailing garbage after an op.
    assert_eq!(body_error(&[0, 0, 1, 3, 3, 5, 0xff]).code(), "corrupt");
}

#[test]
fn a_crafted_valid_body_decodes() {
    // Set(["runs"]) = UInt(5) against the example city.
    let s = link::decode(&link::seal_body(&[0, 0, 1, 3, 3, 5])).unwrap();
    let mut expected = presets::example_city();
    expected.runs = 5;
    assert_eq!(s, expected);
}

#[test]
fn decompression_bombs_are_refused() {
    // 4 MB of zeros compresses to a few kilobytes.
    let bomb = vec![0u8; 4 << 20];
    let l = link::seal_body(&bomb);
    assert!(l.len() < 20_000);
    assert_eq!(link::decode(&l).unwrap_err().code(), "corrupt");
}

// ---------------------------------------------------------------------------
// Round trips over generated scenarios

/// A number in `lo..=hi` from random bits: either full precision or a short
/// decimal, as a planner would type.
fn num(r: u64, lo: f64, hi: f64) -> f64 {
    let unit = (r >> 11) as f64 / (1u64 << 53) as f64;
    let x = lo + unit * (hi - lo);
    let x = match r % 3 {
        0 => x,
        1 => (x * 100.0).round() / 100.0,
        _ => x.round(),
    };
    x.clamp(lo, hi)
}

fn int(r: u64, lo: u64, hi: u64) -> u64 {
    lo + (r >> 8) % (hi - lo + 1)
}

const NAMES: &[&str] = &[
    "",
    "Example city",
    "Rail station",
    "示例城市·演练 A",
    "Highway exits (6) — night shift",
    "\"quoted\" \\ and \u{1F600}",
];

fn resource(r: u64) -> Resource {
    Resource::ALL[(r % Resource::ALL.len() as u64) as usize]
}

fn delay(r: u64) -> Delay {
    match r % 3 {
        0 => Delay::Gamma {
            mean: num(r >> 2, 0.1, 30.0),
            sd: num(r >> 5, 0.05, 20.0),
        },
        1 => Delay::LogNormal {
            mean: num(r >> 2, 0.1, 30.0),
            sd: num(r >> 5, 0.05, 20.0),
        },
        _ => Delay::Weibull {
            shape: num(r >> 2, 0.2, 20.0),
            scale: num(r >> 5, 0.05, 60.0),
        },
    }
}

fn change_of(r: u64, gateways: usize) -> Option<Change> {
    Some(match r % 8 {
        0 if gateways > 0 => Change::InfectedArrival {
            gateway: int(r >> 3, 0, gateways as u64 - 1) as u32,
            count: int(r >> 13, 1, 50) as u32,
            unnoticed: false,
        },
        0 => return None,
        1 => Change::LocalInfection {
            count: int(r >> 3, 1, 20) as u32,
        },
        2 => Change::StaffAbsent {
            resource: resource(r >> 3),
            share: num(r >> 7, 0.0, 1.0),
        },
        3 => Change::SetLevel {
            resource: resource(r >> 3),
            level: num(r >> 7, 0.0, 50_000.0),
        },
        4 => Change::LabOutage {
            days: int(r >> 3, 1, 10) as u32,
        },
        5 => Change::QuarantineSiteClosed {
            rooms: int(r >> 3, 1, 500) as u32,
        },
        6 => Change::SetContactFactor {
            factor: num(r >> 3, 0.0, 1.0),
        },
        _ => Change::DeclareZones {
            days: int(r >> 3, 1, 60) as u32,
        },
    })
}

fn mutate_gateway(g: &mut Gateway, r: u64) {
    let v = r >> 5;
    let cp = &mut g.checkpoint;
    match r % 20 {
        0 => g.kind = GatewayKind::ALL[(v % 6) as usize],
        1 => g.name = NAMES[(v % NAMES.len() as u64) as usize].into(),
        2 => g.arrivals_per_day = num(v, 0.0, 200_000.0),
        3 => g.risk_area_share = num(v, 0.0, 1.0),
        4 => g.prevalence_risk_area = num(v, 0.0, 0.05),
        5 => g.prevalence_elsewhere = num(v, 0.0, 0.001),
        6 => {
            g.profile = (0..v % 8)
                .map(|i| ProfilePoint {
                    day: (i * 5 + (v >> 4) % 5) as u32,
                    multiplier: num(v.rotate_left(i as u32 * 7), 0.0, 10.0),
                })
                .collect()
        }
        7 => cp.enabled = !cp.enabled,
        8 => cp.posts = int(v, 0, 200) as u32,
        9 => cp.staff_per_shift = int(v, 0, 500) as u32,
        10 => cp.shifts = int(v, 0, 4) as u32,
        11 => cp.shift_hours = num(v, 0.5, 12.0),
        12 => cp.inspections_per_staff_hour = num(v, 0.0, 200.0),
        13 => {
            cp.hourly_profile = [
                HourlyProfile::Flat,
                HourlyProfile::Daytime,
                HourlyProfile::Road,
            ][(v % 3) as usize]
        }
        14 => {
            cp.overload = if v % 2 == 0 {
                OverloadPolicy::Queue
            } else {
                OverloadPolicy::WaveThrough
            }
        }
        15 => cp.checks.health_code = !cp.checks.health_code,
        16 => cp.checks.test_certificate = !cp.checks.test_certificate,
        17 => cp.checks.health_code_flag_probability = num(v, 0.0, 1.0),
        18 => cp.checks.thermometer_sensitivity = num(v, 0.0, 1.0),
        _ => cp.checks.temperature = !cp.checks.temperature,
    }
}

fn place(r: u64) -> QuarantinePlace {
    [
        QuarantinePlace::None,
        QuarantinePlace::Home,
        QuarantinePlace::Centralised,
    ][(r % 3) as usize]
}

/// Applies mutation `kind` with random bits `r`, keeping the scenario valid.
fn mutate(s: &mut Scenario, kind: u8, r: u64) {
    let v = r >> 6;
    match kind % 40 {
        0 => s.seed = r & cordon_engine::fields::MAX_SEED,
        1 => s.runs = int(r, 1, 100_000) as u32,
        2 => s.days = int(r, 1, 730) as u32,
        3 => s.name = NAMES[(r % NAMES.len() as u64) as usize].into(),
        4 => s.city.population = int(r, 1_000, 100_000_000),
        5 => s.city.household_size = num(r, 1.0, 10.0),
        6 => s.initial_infections = int(r, 0, 100) as u32,
        7 if s.gateways.len() < 64 => {
            let mut g = if s.gateways.is_empty() || r % 2 == 0 {
                Gateway::default()
            } else {
                s.gateways[(v % s.gateways.len() as u64) as usize].clone()
            };
            mutate_gateway(&mut g, v);
            let at = (v >> 20) as usize % (s.gateways.len() + 1);
            s.gateways.insert(at, g);
        }
        8 if !s.gateways.is_empty() => {
            let at = (r % s.gateways.len() as u64) as usize;
            s.gateways.remove(at);
        }
        9..=12 if !s.gateways.is_empty() => {
            let at = (r % s.gateways.len() as u64) as usize;
            mutate_gateway(&mut s.gateways[at], v);
        }
        13 => {
            if let Some(change) = change_of(v, s.gateways.len()) {
                let day = int(r, 0, 200) as u32;
                let at = (v >> 30) as usize % (s.timeline.len() + 1);
                s.timeline.insert(at, TimelineEvent { day, change });
            }
        }
        14 if !s.timeline.is_empty() => {
            let at = (r % s.timeline.len() as u64) as usize;
            s.timeline.remove(at);
        }
        15 => {
            let c = &mut s.community;
            match v % 8 {
                0 => c.grid_workers = int(r, 0, 100_000) as u32,
                1 => c.visits_per_worker_per_day = num(r, 0.0, 200.0),
                2 => c.sweeps = !c.sweeps,
                3 => c.sweep_find_probability = num(r, 0.0, 1.0),
                4 => c.symptom_find_probability = num(r, 0.0, 1.0),
                5 => c.self_report_share = num(r, 0.0, 1.0),
                6 => c.visits_per_watched_household = num(r, 0.0, 24.0),
                _ => c.sweep_window_days = int(r, 0, 60) as u32,
            }
        }
        16 => {
            let q = &mut s.quarantine;
            match v % 11 {
                0 => q.sites = int(r, 0, 1_000) as u32,
                1 => q.rooms = int(r, 0, 1_000_000) as u32,
                2 => q.unlimited_rooms = !q.unlimited_rooms,
                3 => q.days = int(r, 1, 60) as u32,
                4 => q.risk_area_arrivals = place(r),
                5 => q.close_contacts = place(r),
                6 => q.secondary_contacts = place(r),
                7 => q.centralised_effectiveness = num(r, 0.0, 1.0),
                8 => q.home_compliance = num(r, 0.0, 1.0),
                9 => q.unmonitored_home_compliance = num(r, 0.0, 1.0),
                _ => {
                    q.test_days = (0..r % 10)
                        .map(|i| int(r.rotate_left(i as u32 * 6), 0, 60) as u32)
                        .collect()
                }
            }
        }
        17 | 18 => {
            let t = &mut s.testing;
            match v % 12 {
                0 => t.sampling_staff = int(r, 0, 100_000) as u32,
                1 => t.samples_per_staff_per_day = num(r, 0.0, 10_000.0),
                2 => t.lab_tests_per_day = int(r, 0, 10_000_000) as u32,
                3 => t.unlimited = !t.unlimited,
                4 => t.pool_size = int(r, 1, 50) as u32,
                5 => t.turnaround_days = int(r, 0, 14) as u32,
                6 => t.peak_sensitivity = num(r, 0.0, 1.0),
                7 => {
                    t.detectable_from_day = num(r, 0.0, 10.0);
                    t.peak_day = t.detectable_from_day + num(r >> 20, 0.0, 10.0);
                    t.detectable_until_day = t.peak_day + num(r >> 40, 1.0, 20.0);
                }
                8 => t.arrival_test = !t.arrival_test,
                9 => {
                    t.fever_clinic.enabled = r % 2 == 0;
                    t.fever_clinic.presentation_share = num(r >> 1, 0.0, 1.0);
                    t.fever_clinic.delay = delay(r >> 3);
                }
                10 => {
                    t.routine_screening.enabled = r % 2 == 0;
                    t.routine_screening.people_per_day = int(r, 0, 1_000_000) as u32;
                    t.routine_screening.risk_enrichment = num(r >> 7, 0.0, 100.0);
                }
                _ => {
                    let m = &mut t.mass_testing;
                    m.enabled = r % 2 == 0;
                    m.trigger_local_cases = int(r, 1, 100) as u32;
                    m.rounds = int(r >> 9, 0, 100) as u32;
                    m.interval_days = int(r >> 17, 1, 60) as u32;
                    m.participation = num(r >> 21, 0.0, 1.0);
                }
            }
        }
        19 => {
            let t = &mut s.tracing;
            match v % 11 {
                0 => t.enabled = !t.enabled,
                1 => t.unlimited = !t.unlimited,
                2 => t.teams = int(r, 0, 1_000) as u32,
                3 => t.staff = int(r, 0, 100_000) as u32,
                4 => t.cases_per_staff_per_day = num(r, 0.0, 100.0),
                5 => t.close_contacts_per_case = num(r, 0.0, 10_000.0),
                6 => t.secondary_per_close_contact = num(r, 0.0, 1_000.0),
                7 => t.trace_secondary = !t.trace_secondary,
                8 => t.household_find_probability = num(r, 0.0, 1.0),
                9 => t.other_find_probability = num(r, 0.0, 1.0),
                _ => t.source_find_probability = num(r, 0.0, 1.0),
            }
        }
        20 => {
            let h = &mut s.hospital;
            match v % 4 {
                0 => h.beds = int(r, 0, 100_000) as u32,
                1 => h.unlimited_beds = !h.unlimited_beds,
                2 => h.stay_days = int(r, 1, 90) as u32,
                _ => h.home_isolation_effectiveness = num(r, 0.0, 1.0),
            }
        }
        21 | 22 => {
            let e = &mut s.epidemiology;
            match v % 12 {
                0 => {
                    *e = presets::variant(
                        [
                            Variant::Ancestral,
                            Variant::Delta,
                            Variant::Omicron,
                            Variant::Custom,
                        ][(r % 4) as usize],
                    )
                }
                1 => e.r0 = num(r, 0.0, 30.0),
                2 => e.dispersion_k = num(r, 0.01, 1_000_000.0),
                3 => e.generation_interval = delay(r),
                4 => e.incubation = delay(r),
                5 => e.asymptomatic_share = num(r, 0.0, 1.0),
                6 => e.asymptomatic_relative_infectiousness = num(r, 0.0, 2.0),
                7 => e.fever_share = num(r, 0.0, 1.0),
                8 => e.household_share = num(r, 0.0, 1.0),
                9 => e.max_infection_age_on_arrival = num(r, 0.0, 30.0),
                10 => e.susceptible_depletion = !e.susceptible_depletion,
                _ => e.variant = Variant::Custom,
            }
        }
        23 => {
            let p = &mut s.response;
            match v % 5 {
                0 => p.baseline_contact_factor = num(r, 0.0, 1.0),
                1 => p.zones.enabled = !p.zones.enabled,
                2 => p.zones.trigger_local_cases = int(r, 1, 1_000) as u32,
                3 => p.zones.contact_factor = num(r, 0.0, 1.0),
                _ => p.zones.duration_days = int(r, 0, 365) as u32,
            }
        }
        _ => {
            // More weight on numeric edits of the commonest kind.
            if !s.gateways.is_empty() {
                let at = (r % s.gateways.len() as u64) as usize;
                s.gateways[at].checkpoint.staff_per_shift = int(v, 0, 1_000) as u32;
            }
        }
    }
    // Keep the timeline's gateway references valid.
    let gateways = s.gateways.len() as u32;
    s.timeline.retain_mut(|event| match &mut event.change {
        Change::InfectedArrival { gateway, .. } => {
            if gateways == 0 {
                false
            } else {
                *gateway = (*gateway).min(gateways - 1);
                true
            }
        }
        _ => true,
    });
}

fn scenario_strategy() -> impl Strategy<Value = Scenario> {
    (
        0..PRESETS.len(),
        proptest::collection::vec((any::<u8>(), any::<u64>()), 0..40),
    )
        .prop_map(|(preset, edits)| {
            let mut s = (PRESETS[preset].build)();
            for (kind, r) in edits {
                mutate(&mut s, kind, r);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn round_trip(s in scenario_strategy()) {
        prop_assert!(validate(&s).is_ok(), "generator made an invalid scenario: {:?}", validate(&s));
        let l = link::encode(&s);
        prop_assert!(l.starts_with("s1."));
        let decoded = link::decode(&l);
        prop_assert_eq!(decoded, Ok(s));
    }

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        let _ = check_decode(&text);
    }

    #[test]
    fn arbitrary_payloads_never_panic(payload in "[A-Za-z0-9_-]{0,300}") {
        let _ = check_decode(&format!("s1.{payload}"));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = check_decode(&format!("s1.{}", URL_SAFE_NO_PAD.encode(&bytes)));
        let _ = check_decode(&link::seal_body(&bytes));
    }

    #[test]
    fn arbitrary_bodies_behind_a_valid_checksum_never_panic(
        code in 0u8..8,
        ops in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let mut body = vec![code];
        body.extend(ops);
        let _ = check_decode(&link::seal_body(&body));
    }

    #[test]
    fn mutated_bodies_never_panic(
        s in scenario_strategy(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        // Re-seal a valid link's body after changing some of its bytes.
        let l = link::encode(&s);
        let bytes = URL_SAFE_NO_PAD.decode(&l[3..]).unwrap();
        let mut body = miniz_oxide::inflate::decompress_to_vec(&bytes[2..]).unwrap();
        for (at, byte) in edits {
            let i = at.index(body.len());
            body[i] = byte;
        }
        let _ = check_decode(&link::seal_body(&body));
    }

    #[test]
    fn truncated_and_altered_links_never_panic(
        s in scenario_strategy(),
        cut in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        c in prop::sample::select(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.#%~ é".chars().collect::<Vec<_>>(),
        ),
    ) {
        let l = link::encode(&s);
        let truncated = &l[..cut.index(l.len())];
        prop_assert!(link::decode(truncated).is_err());
        let mut altered: Vec<char> = l.chars().collect();
        let i = at.index(altered.len());
        altered[i] = c;
        let altered: String = altered.into_iter().collect();
        if let Ok(decoded) = check_decode(&altered) {
            // Only harmless changes (e.g. none at all) may still open.
            prop_assert_eq!(decoded, s);
        }
    }
}

/// Decodes without panicking; anything that opens is a valid scenario.
fn check_decode(text: &str) -> Result<Scenario, LinkError> {
    let result = link::decode(text);
    if let Ok(s) = &result {
        assert!(validate(s).is_ok());
    }
    result
}
