//! Anki's cloze syntax, `{{c1::text}}` and `{{c1::text::hint}}`: the card
//! for deletion N shows its deletions as `[...]` (or `[hint]`) and every
//! other deletion filled in, as recall's cloze cards do.

/// One `{{cN::…}}` and where it is in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Deletion {
    start: usize,
    end: usize,
    number: u32,
    text: String,
    hint: Option<String>,
}

fn deletions(text: &str) -> Vec<Deletion> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("{{c") {
        let start = from + i;
        let body = &text[start + 3..];
        let digits: String = body.chars().take_while(char::is_ascii_digit).collect();
        let after = &body[digits.len()..];
        let parsed = digits.parse::<u32>().ok().zip(after.strip_prefix("::"));
        let Some((number, inner)) = parsed else {
            from = start + 3;
            continue;
        };
        let Some(close) = inner.find("}}") else { break };
        let body = &inner[..close];
        let (text_part, hint) = match body.split_once("::") {
            Some((t, h)) => (t, Some(h.to_string())),
            None => (body, None),
        };
        let end = text.len() - inner.len() + close + 2;
        out.push(Deletion {
            start,
            end,
            number,
            text: text_part.to_string(),
            hint,
        });
        from = end;
    }
    out
}

/// The deletion numbers used in `text`, ascending, each once.
pub fn numbers(text: &str) -> Vec<u32> {
    let mut n: Vec<u32> = deletions(text).into_iter().map(|d| d.number).collect();
    n.sort_unstable();
    n.dedup();
    n
}

/// The prompt and answer of deletion `number` (the answer joins several
/// deletions with the same number by ", "); `None` if there is none.
pub fn render(text: &str, number: u32) -> Option<(String, String)> {
    let all = deletions(text);
    if !all.iter().any(|d| d.number == number) {
        return None;
    }
    let mut prompt = String::new();
    let mut answers = Vec::new();
    let mut at = 0;
    for d in &all {
        prompt.push_str(&text[at..d.start]);
        if d.number == number {
            prompt.push('[');
            prompt.push_str(d.hint.as_deref().unwrap_or("..."));
            prompt.push(']');
            answers.push(d.text.clone());
        } else {
            prompt.push_str(&d.text);
        }
        at = d.end;
    }
    prompt.push_str(&text[at..]);
    Some((prompt, answers.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_one_deletion_masked_and_the_others_filled() {
        let text = "{{c1::deque}} pops in {{c2::O(1)::big-O}} time, {{c1::both}} ends";
        assert_eq!(numbers(text), [1, 2]);
        assert_eq!(
            render(text, 1).unwrap(),
            (
                "[...] pops in O(1) time, [...] ends".into(),
                "deque, both".into()
            )
        );
        assert_eq!(
            render(text, 2).unwrap(),
            (
                "deque pops in [big-O] time, both ends".into(),
                "O(1)".into()
            )
        );
        assert_eq!(render(text, 3), None);
    }

    #[test]
    fn text_that_only_looks_like_a_cloze_is_kept() {
        assert_eq!(
            numbers("{{cat}} and {{c::x}} and {{c1::open"),
            Vec::<u32>::new()
        );
    }
}
