//! `recall stats` when the stored states are FSRS's: predicted retention,
//! cards at risk and the histogram of the probability of recall.

use crate::env::TestEnv;
use crate::optimize::generated_collection;

#[test]
fn stats_under_fsrs_show_the_probability_of_recall_today() {
    let env = TestEnv::new();
    generated_collection(&env, 120, 6);
    assert!(env.json(&["stats", "--json"]).get("fsrs").is_none());
    // Opening the collection under this config reschedules it to FSRS.
    env.write("xdg-config/recall/config.toml", "scheduler = \"fsrs\"\n");
    let stats = env.json(&["stats", "--json"]);
    let fsrs = &stats["fsrs"];
    assert_eq!(fsrs["cards"], 120, "{fsrs}");
    assert_eq!(fsrs["at_risk_below"].as_f64().unwrap() as f32, 0.8);
    let histogram: Vec<u64> = fsrs["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    assert_eq!(histogram.len(), 10);
    assert_eq!(histogram.iter().sum::<u64>(), 120);
    let below: u64 = histogram[..8].iter().sum();
    assert_eq!(fsrs["at_risk"].as_u64().unwrap(), below);
    let predicted = fsrs["predicted_retention"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&predicted), "{fsrs}");
    let text = env.ok(&["stats"]);
    assert!(
        text.contains("FSRS · probability of recall today (target 90.0 %)"),
        "{text}"
    );
    assert!(text.contains(&format!("over 120 review cards; {below} below 80.0 %")));
}
