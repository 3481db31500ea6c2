//! What an export carried, and what it dropped or changed and why: every
//! export ends with this summary (`export --json` prints it as data), and
//! `export --strict` refuses to write when anything would be dropped.

use serde::Serialize;

/// How many examples a loss names.
pub const EXAMPLES: usize = 3;

/// One kind of loss: why, how often, and the first few cards it hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Loss {
    pub why: String,
    pub count: usize,
    pub examples: Vec<String>,
}

/// What one export carried, dropped and changed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    pub format: String,
    pub cards: usize,
    /// Notes written (an Anki note, a text record; the cards otherwise).
    pub notes: usize,
    /// Rows of history written: Anki revlog rows, or JSON log entries.
    pub review_log_rows: usize,
    /// Left out: the output does not hold it at all.
    pub dropped: Vec<Loss>,
    /// Carried in another form than recall holds it.
    pub changed: Vec<Loss>,
}

fn add(losses: &mut Vec<Loss>, why: &str, example: impl FnOnce() -> String) {
    match losses.iter_mut().find(|l| l.why == why) {
        Some(loss) => {
            loss.count += 1;
            if loss.examples.len() < EXAMPLES {
                loss.examples.push(example());
            }
        }
        None => losses.push(Loss {
            why: why.to_string(),
            count: 1,
            examples: vec![example()],
        }),
    }
}

impl Summary {
    pub fn new(format: &str) -> Summary {
        Summary {
            format: format.into(),
            ..Summary::default()
        }
    }

    /// Counts one thing left out, for `why`; `example` names it.
    pub fn dropped(&mut self, why: &str, example: impl FnOnce() -> String) {
        add(&mut self.dropped, why, example);
    }

    /// Counts one thing carried in another form, for `why`.
    pub fn changed(&mut self, why: &str, example: impl FnOnce() -> String) {
        add(&mut self.changed, why, example);
    }

    /// The summary as the lines recall prints after an export.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let section = |out: &mut Vec<String>, title: &str, losses: &[Loss]| {
            if losses.is_empty() {
                return;
            }
            out.push(format!("{title}:"));
            for l in losses {
                let more = l.count.saturating_sub(l.examples.len());
                let tail = if more > 0 {
                    format!(", and {more} more")
                } else {
                    String::new()
                };
                out.push(format!(
                    "  {} × {} (e.g. {}{tail})",
                    l.count,
                    l.why,
                    l.examples.join("; ")
                ));
            }
        };
        section(&mut out, "dropped", &self.dropped);
        section(&mut out, "changed", &self.changed);
        if out.is_empty() {
            out.push("nothing dropped or changed".into());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn losses_are_counted_by_reason_with_a_few_examples() {
        let mut s = Summary::new("tsv");
        for i in 0..5 {
            s.dropped("the review history (tsv has no scheduling)", || {
                format!("card {i}")
            });
        }
        s.changed("typed case-insensitively", || "card 9".into());
        assert_eq!(s.dropped[0].count, 5);
        assert_eq!(s.dropped[0].examples, ["card 0", "card 1", "card 2"]);
        insta::assert_snapshot!(s.lines().join("\n"), @r"
        dropped:
          5 × the review history (tsv has no scheduling) (e.g. card 0; card 1; card 2, and 2 more)
        changed:
          1 × typed case-insensitively (e.g. card 9)
        ");
        assert_eq!(Summary::new("json").lines(), ["nothing dropped or changed"]);
    }
}
