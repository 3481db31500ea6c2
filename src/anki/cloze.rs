//! Anki's cloze syntax, `{{c1::text}}` and `{{c1::text::hint}}`, nested as
//! Anki nests it: the card for deletion N shows its deletions as `[...]` (or
//! `[hint]`) and every other deletion filled in. A deletion hides all of its
//! text, the deletions inside it too (`{{c1::Ownership {{c2::moves}}
//! values}}`: c1 asks for "Ownership moves values", c2 for "moves" with
//! "Ownership" and "values" shown). A number used twice is one card with a
//! gap at each place; its answer joins them with [`ANSWER_JOINER`].

/// Joins the answers of a card whose number is used more than once.
pub const ANSWER_JOINER: &str = ", ";

/// A piece of cloze text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Text(String),
    Deletion {
        number: u32,
        body: Vec<Node>,
        hint: Option<String>,
    },
}

/// A deletion being read: what opened it (kept, should it never close).
struct Open {
    number: u32,
    opening: String,
    body: Vec<Node>,
    text: String,
    hint: Option<String>,
}

impl Open {
    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.body.push(Node::Text(std::mem::take(&mut self.text)));
        }
    }

    /// The deletion as literal text, for one that never closes.
    fn literal(mut self) -> Vec<Node> {
        self.flush();
        let mut out = vec![Node::Text(self.opening)];
        out.extend(self.body);
        if let Some(hint) = self.hint {
            out.push(Node::Text(format!("::{hint}")));
        }
        out
    }
}

/// `{{cN::` at the start of `s`: N and the opening's length.
fn opening(s: &str) -> Option<(u32, usize)> {
    let body = s.strip_prefix("{{c")?;
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let number = body[..digits].parse().ok()?;
    body[digits..]
        .starts_with("::")
        .then_some((number, 3 + digits + 2))
}

fn parse(text: &str) -> Vec<Node> {
    let mut stack = vec![Open {
        number: 0,
        opening: String::new(),
        body: Vec::new(),
        text: String::new(),
        hint: None,
    }];
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let depth = stack.len();
        let top = stack.last_mut().map(|o| o.hint.is_some());
        let in_hint = top.unwrap_or(false);
        if let Some((number, len)) = opening(rest).filter(|_| !in_hint) {
            if let Some(open) = stack.last_mut() {
                open.flush();
            }
            stack.push(Open {
                number,
                opening: rest[..len].to_string(),
                body: Vec::new(),
                text: String::new(),
                hint: None,
            });
            rest = &rest[len..];
        } else if depth > 1 && rest.starts_with("}}") {
            if let Some(mut open) = stack.pop() {
                open.flush();
                let node = Node::Deletion {
                    number: open.number,
                    body: open.body,
                    hint: open.hint,
                };
                if let Some(parent) = stack.last_mut() {
                    parent.flush();
                    parent.body.push(node);
                }
            }
            rest = &rest[2..];
        } else if depth > 1 && !in_hint && rest.starts_with("::") {
            if let Some(open) = stack.last_mut() {
                open.flush();
                open.hint = Some(String::new());
            }
            rest = &rest[2..];
        } else {
            if let Some(open) = stack.last_mut() {
                match &mut open.hint {
                    Some(hint) => hint.push(c),
                    None => open.text.push(c),
                }
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    // Deletions never closed are text, as Anki leaves them.
    while stack.len() > 1 {
        if let Some(open) = stack.pop() {
            let nodes = open.literal();
            if let Some(parent) = stack.last_mut() {
                parent.flush();
                parent.body.extend(nodes);
            }
        }
    }
    let mut root = stack.pop().map(|o| o.literal()).unwrap_or_default();
    root.retain(|n| !matches!(n, Node::Text(t) if t.is_empty()));
    root
}

fn collect_numbers(nodes: &[Node], out: &mut Vec<u32>) {
    for n in nodes {
        if let Node::Deletion { number, body, .. } = n {
            out.push(*number);
            collect_numbers(body, out);
        }
    }
}

/// The deletion numbers used in `text`, ascending, each once.
pub fn numbers(text: &str) -> Vec<u32> {
    let mut n = Vec::new();
    collect_numbers(&parse(text), &mut n);
    n.sort_unstable();
    n.dedup();
    n
}

/// The text with every deletion filled in.
fn revealed(nodes: &[Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Deletion { body, .. } => revealed(body, out),
        }
    }
}

fn render_nodes(nodes: &[Node], number: u32, prompt: &mut String, answers: &mut Vec<String>) {
    for n in nodes {
        match n {
            Node::Text(t) => prompt.push_str(t),
            Node::Deletion {
                number: d,
                body,
                hint,
            } if *d == number => {
                prompt.push('[');
                prompt.push_str(hint.as_deref().unwrap_or("..."));
                prompt.push(']');
                let mut answer = String::new();
                revealed(body, &mut answer);
                answers.push(answer);
            }
            Node::Deletion { body, .. } => render_nodes(body, number, prompt, answers),
        }
    }
}

/// The prompt and answer of deletion `number` (the answer joins several
/// deletions with the same number by [`ANSWER_JOINER`]); `None` if there is
/// none.
pub fn render(text: &str, number: u32) -> Option<(String, String)> {
    let mut prompt = String::new();
    let mut answers = Vec::new();
    render_nodes(&parse(text), number, &mut prompt, &mut answers);
    (!answers.is_empty()).then(|| (prompt, answers.join(ANSWER_JOINER)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(text: &str, n: u32) -> (String, String) {
        render(text, n).unwrap()
    }

    fn pair(prompt: &str, answer: &str) -> (String, String) {
        (prompt.into(), answer.into())
    }

    #[test]
    fn renders_one_deletion_masked_and_the_others_filled() {
        let text = "{{c1::deque}} pops in {{c2::O(1)::big-O}} time, {{c1::both}} ends";
        assert_eq!(numbers(text), [1, 2]);
        assert_eq!(
            card(text, 1),
            pair("[...] pops in O(1) time, [...] ends", "deque, both")
        );
        assert_eq!(
            card(text, 2),
            pair("deque pops in [big-O] time, both ends", "O(1)")
        );
        assert_eq!(render(text, 3), None);
    }

    #[test]
    fn nested_deletions_hide_as_anki_hides_them() {
        let text = "{{c1::Ownership {{c2::moves}} values}} in Rust";
        assert_eq!(numbers(text), [1, 2]);
        assert_eq!(
            card(text, 1),
            pair("[...] in Rust", "Ownership moves values")
        );
        assert_eq!(
            card(text, 2),
            pair("Ownership [...] values in Rust", "moves")
        );
        let hinted = "{{c1::a {{c2::b::letter}} c::three}}";
        assert_eq!(card(hinted, 1), pair("[three]", "a b c"));
        assert_eq!(card(hinted, 2), pair("a [letter] c", "b"));
        let deep = "{{c1::x {{c2::y {{c3::z}}}}}}!";
        assert_eq!(card(deep, 3), pair("x y [...]!", "z"));
        assert_eq!(card(deep, 2), pair("x [...]!", "y z"));
    }

    #[test]
    fn a_repeated_number_is_one_card_with_a_gap_at_each_place() {
        let text = "A {{c1::Vec}} grows; a {{c1::slice}} borrows.";
        assert_eq!(numbers(text), [1]);
        assert_eq!(
            card(text, 1),
            pair("A [...] grows; a [...] borrows.", "Vec, slice")
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_renders_without_panicking(text in "(\\{\\{c[0-9]::|\\}\\}|::|[a-zé {}:])*") {
            for n in numbers(&text) {
                proptest::prop_assert!(render(&text, n).is_some());
            }
        }
    }

    #[test]
    fn text_that_only_looks_like_a_cloze_is_kept() {
        assert_eq!(
            numbers("{{cat}} and {{c::x}} and {{c1::open"),
            Vec::<u32>::new()
        );
        assert_eq!(
            card("{{c1::a}} then {{c2::open", 1),
            pair("[...] then {{c2::open", "a")
        );
        assert_eq!(card("{{c1::a::b::c}}", 1), pair("[b::c]", "a"));
    }
}
