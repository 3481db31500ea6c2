//! The user's settings: a TOML file in the platform config dir
//! (`RECALL_CONFIG` names another). Parsing is pure: the shell reads the file
//! and hands the text here; a bad file is refused with `file:line:col`.
//!
//! Command-line flags override what is set here; what is not set keeps the
//! built-in default.

use crate::day::DEFAULT_ROLLOVER_HOUR;
use crate::deck::PythonVersion;
use crate::history::Scheduler;
use crate::sched::fsrs::{Fsrs, DEFAULT_DESIRED_RETENTION};
use crate::sched::leech::{LeechAction, LeechRule};
use crate::session::answer::{CaseRule, Thresholds};
use crate::session::Limits;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// The file name inside the platform config dir.
pub const FILE_NAME: &str = "config.toml";

/// The hours a day can start at.
const HOURS_PER_DAY: u32 = 24;
const MS_PER_SEC: i64 = 1000;

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    /// On a terminal, unless `NO_COLOR` is set.
    #[default]
    Auto,
    Always,
    Never,
}

/// The settings in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub limits: Limits,
    pub rollover_hour: u32,
    pub colour: Colour,
    pub case: CaseRule,
    pub leech: LeechRule,
    pub thresholds: Thresholds,
    /// The learner's Python (`python = "3.13"`): decks for other versions
    /// are left out. `None`: `python3 --version` says, at compile.
    pub python: Option<PythonVersion>,
    /// The function replay applies to answers (`scheduler = "sm2" | "fsrs"`,
    /// `desired_retention` for FSRS); SM-2 unless set.
    pub scheduler: Scheduler,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            limits: Limits::default(),
            rollover_hour: DEFAULT_ROLLOVER_HOUR,
            colour: Colour::Auto,
            case: CaseRule::Deck,
            leech: LeechRule::default(),
            thresholds: Thresholds::default(),
            python: None,
            scheduler: Scheduler::Sm2,
        }
    }
}

/// What is wrong with a config file, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{col}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
    pub hint: String,
}

const KEYS_HINT: &str = "keys: new_per_day, reviews_per_day, rollover_hour, color, case, python, \
     [leech] threshold/action, [suggest] quick_secs/slow_secs/close, scheduler, desired_retention; see README \"Config\"";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RawCase {
    Deck,
    Sensitive,
    Insensitive,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RawAction {
    Suspend,
    Tag,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLeech {
    threshold: Option<Spanned<u32>>,
    action: Option<RawAction>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuggest {
    quick_secs: Option<Spanned<u32>>,
    slow_secs: Option<Spanned<u32>>,
    close: Option<Spanned<f32>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RawScheduler {
    Sm2,
    Fsrs,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    scheduler: Option<Spanned<RawScheduler>>,
    desired_retention: Option<Spanned<f32>>,
    new_per_day: Option<u32>,
    reviews_per_day: Option<u32>,
    rollover_hour: Option<Spanned<u32>>,
    color: Option<Colour>,
    case: Option<RawCase>,
    python: Option<Spanned<String>>,
    #[serde(default)]
    leech: RawLeech,
    #[serde(default)]
    suggest: RawSuggest,
}

/// Where a value is in the file, for errors.
struct Source<'a> {
    path: &'a str,
    text: &'a str,
}

impl Source<'_> {
    fn err(&self, span: Range<usize>, message: String, hint: &str) -> ConfigError {
        let (line, col) = line_col(self.text, span.start);
        ConfigError {
            path: self.path.to_string(),
            line,
            col,
            message,
            hint: hint.to_string(),
        }
    }
}

/// Parse the text of a config file; `path` is only used in errors.
pub fn parse(path: &str, text: &str) -> Result<Config, ConfigError> {
    let at = Source { path, text };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        let hint = if message.contains("unknown field") || message.contains("unknown variant") {
            KEYS_HINT
        } else {
            "the file is TOML: `key = value`, strings in quotes, tables as `[leech]`"
        };
        at.err(e.span().unwrap_or(0..0), message, hint)
    })?;
    let defaults = Config::default();
    let rollover_hour = rollover_hour(&at, raw.rollover_hour, defaults.rollover_hour)?;
    let leech = leech_rule(&at, raw.leech, defaults.leech)?;
    let thresholds = thresholds(&at, raw.suggest, defaults.thresholds)?;
    let python = match raw.python {
        None => None,
        Some(p) => Some(p.get_ref().parse::<PythonVersion>().map_err(|()| {
            at.err(
                p.span(),
                format!("python {:?} is not a Python version", p.get_ref()),
                "write the version you learn with, e.g. python = \"3.13\"",
            )
        })?),
    };
    let scheduler = scheduler(&at, raw.scheduler, raw.desired_retention)?;
    Ok(Config {
        scheduler,
        limits: Limits {
            new_per_day: raw.new_per_day.unwrap_or(defaults.limits.new_per_day),
            reviews_per_day: raw
                .reviews_per_day
                .unwrap_or(defaults.limits.reviews_per_day),
        },
        rollover_hour,
        colour: raw.color.unwrap_or_default(),
        case: match raw.case {
            None | Some(RawCase::Deck) => CaseRule::Deck,
            Some(RawCase::Sensitive) => CaseRule::Sensitive,
            Some(RawCase::Insensitive) => CaseRule::Insensitive,
        },
        leech,
        thresholds,
        python,
    })
}

fn scheduler(
    at: &Source,
    choice: Option<Spanned<RawScheduler>>,
    retention: Option<Spanned<f32>>,
) -> Result<Scheduler, ConfigError> {
    let choice = choice.map(Spanned::into_inner);
    let desired = retention
        .as_ref()
        .map_or(DEFAULT_DESIRED_RETENTION, |r| *r.get_ref());
    // Checked whichever scheduler is active, so a switch to FSRS later
    // cannot fail on a value that was accepted before.
    let fsrs = Fsrs::new(desired).map_err(|e| {
        at.err(
            retention.map_or(0..0, |r| r.span()),
            e.to_string(),
            "the probability of recall FSRS schedules for, 0.70 to 0.99 (default 0.9)",
        )
    })?;
    match choice {
        None | Some(RawScheduler::Sm2) => Ok(Scheduler::Sm2),
        Some(RawScheduler::Fsrs) => Ok(Scheduler::Fsrs(fsrs)),
    }
}

fn rollover_hour(
    at: &Source,
    hour: Option<Spanned<u32>>,
    default: u32,
) -> Result<u32, ConfigError> {
    match hour {
        Some(h) if *h.get_ref() >= HOURS_PER_DAY => Err(at.err(
            h.span(),
            format!("rollover_hour {} is not an hour of the day", h.get_ref()),
            "use 0 to 23: the hour a new day of reviews starts (4 = 04:00)",
        )),
        Some(h) => Ok(h.into_inner()),
        None => Ok(default),
    }
}

fn leech_rule(at: &Source, raw: RawLeech, default: LeechRule) -> Result<LeechRule, ConfigError> {
    let threshold = match raw.threshold {
        Some(t) if *t.get_ref() == 0 => {
            return Err(at.err(
                t.span(),
                "leech threshold 0 would make every card a leech".into(),
                "use the number of lapses after which a card is a leech (default 8)",
            ))
        }
        Some(t) => t.into_inner(),
        None => default.threshold,
    };
    let action = match raw.action {
        Some(RawAction::Suspend) => LeechAction::Suspend,
        Some(RawAction::Tag) => LeechAction::Tag,
        None => default.action,
    };
    Ok(LeechRule { threshold, action })
}

fn thresholds(
    at: &Source,
    raw: RawSuggest,
    default: Thresholds,
) -> Result<Thresholds, ConfigError> {
    let quick = raw.quick_secs;
    let slow = raw.slow_secs;
    let quick_ms = quick
        .as_ref()
        .map_or(default.quick_ms, |s| secs_to_ms(*s.get_ref()));
    let slow_ms = slow
        .as_ref()
        .map_or(default.slow_ms, |s| secs_to_ms(*s.get_ref()));
    if quick_ms > slow_ms {
        let span = slow.or(quick).map_or(0..0, |s| s.span());
        return Err(at.err(
            span,
            format!(
                "suggest.quick_secs ({}) is more than suggest.slow_secs ({})",
                quick_ms / MS_PER_SEC,
                slow_ms / MS_PER_SEC
            ),
            "answers within quick_secs suggest 5, within slow_secs 4, slower 3",
        ));
    }
    let close_ratio = match raw.close {
        Some(c) if !(0.0..=1.0).contains(c.get_ref()) => return Err(at.err(
            c.span(),
            format!("suggest.close {} is not between 0 and 1", c.get_ref()),
            "a wrong answer at least this similar to the expected one suggests 2 (default 0.75)",
        )),
        Some(c) => c.into_inner(),
        None => default.close_ratio,
    };
    Ok(Thresholds {
        quick_ms,
        slow_ms,
        close_ratio,
    })
}

fn secs_to_ms(secs: u32) -> i64 {
    i64::from(secs) * MS_PER_SEC
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(parse("c.toml", "").unwrap(), Config::default());
    }

    #[test]
    fn every_key_is_read() {
        let text = r#"
new_per_day = 5
reviews_per_day = 50
rollover_hour = 3
color = "never"
case = "insensitive"
python = "3.13"

[leech]
threshold = 4
action = "tag"

[suggest]
quick_secs = 5
slow_secs = 30
close = 0.5
"#;
        let c = parse("c.toml", text).unwrap();
        assert_eq!(
            c,
            Config {
                limits: Limits {
                    new_per_day: 5,
                    reviews_per_day: 50
                },
                rollover_hour: 3,
                colour: Colour::Never,
                case: CaseRule::Insensitive,
                leech: LeechRule {
                    threshold: 4,
                    action: LeechAction::Tag
                },
                thresholds: Thresholds {
                    quick_ms: 5_000,
                    slow_ms: 30_000,
                    close_ratio: 0.5
                },
                python: Some(PythonVersion {
                    major: 3,
                    minor: 13
                }),
                scheduler: Scheduler::Sm2,
            }
        );
    }

    #[test]
    fn bad_files_are_refused_at_line_and_column() {
        let cases = [
            ("new_per_day = 5\nnew_pr_day = 3\n", 2, 1, "unknown field"),
            ("rollover_hour = 24\n", 1, 17, "not an hour"),
            ("python = \"three\"\n", 1, 10, "not a Python version"),
            ("color = \"blue\"\n", 1, 9, "unknown variant"),
            ("[leech]\nthreshold = 0\n", 2, 13, "every card a leech"),
            (
                "[suggest]\nquick_secs = 9\nslow_secs = 3\n",
                3,
                13,
                "more than",
            ),
            ("[suggest]\nclose = 1.5\n", 2, 9, "between 0 and 1"),
            ("new_per_day = \"x\"\n", 1, 15, "invalid type"),
            ("new_per_day = \n", 1, 15, ""),
        ];
        for (text, line, col, needle) in cases {
            let e = parse("c.toml", text).unwrap_err();
            assert_eq!((e.line, e.col), (line, col), "{text:?}: {e}");
            assert!(e.message.contains(needle), "{text:?}: {e}");
            assert!(!e.hint.is_empty());
            assert!(e.to_string().starts_with(&format!("c.toml:{line}:{col}: ")));
        }
    }

    #[test]
    fn the_scheduler_is_sm2_by_default_and_when_chosen() {
        let fsrs = |t: &str| parse("c.toml", t).unwrap().scheduler;
        assert_eq!(fsrs(""), Scheduler::Sm2);
        assert_eq!(
            fsrs("scheduler = \"sm2\"\ndesired_retention = 0.8"),
            Scheduler::Sm2
        );
    }

    #[test]
    fn fsrs_is_chosen_with_its_retention() {
        let fsrs = |t: &str| parse("c.toml", t).unwrap().scheduler;
        assert_eq!(
            fsrs("scheduler = \"fsrs\""),
            Scheduler::Fsrs(Fsrs::new(DEFAULT_DESIRED_RETENTION).unwrap())
        );
        assert_eq!(
            fsrs("scheduler = \"fsrs\"\ndesired_retention = 0.85"),
            Scheduler::Fsrs(Fsrs::new(0.85).unwrap())
        );
    }

    #[test]
    fn a_bad_retention_is_refused_at_its_line_and_column() {
        let e = parse("c.toml", "scheduler = \"sm2\"\ndesired_retention = 0.5").unwrap_err();
        assert_eq!((e.line, e.col), (2, 21));
    }

    #[test]
    fn a_retention_outside_the_range_or_an_unknown_scheduler_is_refused() {
        for (text, needle) in [
            ("desired_retention = 1.5", "outside 0.70"),
            (
                "scheduler = \"fsrs\"\ndesired_retention = 0.2",
                "outside 0.70",
            ),
            ("scheduler = \"sm5\"", "unknown variant"),
        ] {
            let e = parse("c.toml", text).unwrap_err();
            assert!(e.message.contains(needle), "{text:?}: {e}");
            assert!(!e.hint.is_empty());
        }
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
        assert_eq!(line_col("", 5), (1, 1));
    }
}
