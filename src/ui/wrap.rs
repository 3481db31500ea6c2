//! Laying styled lines out at the terminal's width. Prose wraps at spaces,
//! a word is split only when it alone is wider than the screen, and a
//! wrapped line keeps its indent. Code is cut where the screen ends, never
//! reflowed, and each continuation is marked.

use super::{Line, Span, Style};
use crate::styled::terminal_safe;
use unicode_width::UnicodeWidthChar;

/// Starts a code line that continues the one above.
pub const CONTINUED: &str = "↪ ";

/// Below this a layout is not worth doing: lines are left as they are.
const NARROWEST: usize = 20;

/// The columns a character takes (controls are shown as two, `^[`).
fn char_width(c: char) -> usize {
    c.width().unwrap_or(2)
}

/// The columns a span takes on screen; diff parts get `[-…-]`/`{+…+}`
/// markers without colour, so they are counted with them.
fn span_width(span: &Span) -> usize {
    let text: usize = terminal_safe(&span.text).chars().map(char_width).sum();
    match span.style {
        Style::Extra | Style::Missing => text + 4,
        _ => text,
    }
}

/// The columns a line takes.
pub fn width(line: &Line) -> usize {
    line.0.iter().map(span_width).sum()
}

/// A line's characters with their styles, made terminal-safe first so that
/// what is measured is what is shown.
fn styled_chars(line: &Line) -> Vec<(char, Style)> {
    line.0
        .iter()
        .flat_map(|span| {
            let style = span.style;
            terminal_safe(&span.text)
                .chars()
                .map(move |c| (c, style))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Characters back into spans, one span per run of a style.
fn to_line(chars: &[(char, Style)]) -> Line {
    let mut line = Line::new();
    for &(c, style) in chars {
        match line.0.last_mut() {
            Some(span) if span.style == style => span.text.push(c),
            _ => line.0.push(Span {
                text: c.to_string(),
                style,
            }),
        }
    }
    line
}

fn chars_width(chars: &[(char, Style)]) -> usize {
    chars.iter().map(|&(c, _)| char_width(c)).sum()
}

/// Where a continuation starts: under the text of a `key   meaning` row
/// (after its first run of two or more spaces), else under the line's own
/// indent; never past half the width.
fn hanging_indent(chars: &[(char, Style)], width: usize) -> usize {
    let lead = chars.iter().take_while(|(c, _)| *c == ' ').count();
    let column = chars[lead..]
        .windows(2)
        .position(|w| w[0].0 == ' ' && w[1].0 == ' ')
        .map(|at| {
            let gap = chars[lead + at..]
                .iter()
                .take_while(|(c, _)| *c == ' ')
                .count();
            lead + at + gap
        });
    match column {
        Some(column) if chars_width(&chars[..column]) <= width / 2 => chars_width(&chars[..column]),
        _ => lead.min(width / 2),
    }
}

/// Word-wrap one line to `width` columns. Continuations are indented like
/// the line itself, or under the text of a `key   meaning` row.
pub fn words(line: &Line, width: usize) -> Vec<Line> {
    if width < NARROWEST || self::width(line) <= width {
        return vec![line.clone()];
    }
    let chars = styled_chars(line);
    let indent_len = chars.iter().take_while(|(c, _)| *c == ' ').count();
    let indent: Vec<(char, Style)> = vec![(' ', Style::Plain); hanging_indent(&chars, width)];
    let mut out = Vec::new();
    let mut current: Vec<(char, Style)> = chars[..indent_len].to_vec();
    let mut spaces: Vec<(char, Style)> = Vec::new();
    let mut rest = &chars[indent_len..];
    while !rest.is_empty() {
        let word_len = rest.iter().take_while(|(c, _)| *c != ' ').count();
        if word_len == 0 {
            spaces.push(rest[0]);
            rest = &rest[1..];
            continue;
        }
        let (word, after) = rest.split_at(word_len);
        rest = after;
        let used = chars_width(&current);
        let fresh = current.len() <= indent.len();
        if used + chars_width(&spaces) + chars_width(word) <= width {
            current.append(&mut spaces);
            current.extend_from_slice(word);
            continue;
        }
        spaces.clear();
        if !fresh {
            out.push(to_line(&current));
            current = indent.clone();
        }
        // A word wider than a whole line is cut: nothing else would fit it.
        let mut word = word;
        while chars_width(&current) + chars_width(word) > width {
            let room = width.saturating_sub(chars_width(&current)).max(1);
            let cut = cut_at(word, room);
            current.extend_from_slice(&word[..cut]);
            out.push(to_line(&current));
            current = indent.clone();
            word = &word[cut..];
        }
        current.extend_from_slice(word);
    }
    out.push(to_line(&current));
    out
}

/// How many characters of `chars` fit in `room` columns (at least one).
fn cut_at(chars: &[(char, Style)], room: usize) -> usize {
    let mut used = 0;
    for (i, &(c, _)) in chars.iter().enumerate() {
        used += char_width(c);
        if used > room {
            return i.max(1);
        }
    }
    chars.len()
}

/// Cut a code line at `width` columns without reflowing it: every
/// continuation starts with the line's indent and [`CONTINUED`].
pub fn code(line: &Line, width: usize) -> Vec<Line> {
    if width < NARROWEST || self::width(line) <= width {
        return vec![line.clone()];
    }
    let chars = styled_chars(line);
    let indent_len = chars.iter().take_while(|(c, _)| *c == ' ').count();
    let mut lead: Vec<(char, Style)> = chars[..indent_len.min(width / 2)].to_vec();
    lead.extend(CONTINUED.chars().map(|c| (c, Style::Dim)));
    let mut out = Vec::new();
    let cut = cut_at(&chars, width);
    out.push(to_line(&chars[..cut]));
    let mut rest = &chars[cut..];
    while !rest.is_empty() {
        let room = width.saturating_sub(chars_width(&lead)).max(1);
        let cut = cut_at(rest, room);
        let mut piece = lead.clone();
        piece.extend_from_slice(&rest[..cut]);
        out.push(to_line(&piece));
        rest = &rest[cut..];
    }
    out
}

/// Word-wrap every line to `width` columns.
pub fn lay_out(lines: &[Line], width: usize) -> Vec<Line> {
    lines.iter().flat_map(|line| words(line, width)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::styled::plain_text;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn prose_wraps_at_spaces_and_keeps_its_indent() {
        let line = Line::plain("  which function returns the final component of a path name");
        let wrapped = words(&line, 24);
        assert_eq!(
            texts(&wrapped),
            [
                "  which function returns",
                "  the final component of",
                "  a path name"
            ]
        );
        for l in &wrapped {
            assert!(width(l) <= 24, "{l:?}");
        }
    }

    #[test]
    fn no_word_is_split_when_it_fits_on_a_line() {
        let text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
        for w in 20..=70 {
            let wrapped = words(&Line::plain(text), w);
            let joined: Vec<String> = texts(&wrapped);
            assert_eq!(
                joined.join(" ").split(' ').collect::<Vec<_>>(),
                text.split(' ').collect::<Vec<_>>(),
                "at {w}"
            );
            assert!(wrapped.iter().all(|l| width(l) <= w), "at {w}");
        }
    }

    #[test]
    fn a_key_table_row_hangs_under_its_meaning() {
        let row = Line::styled("  e           ", Style::Heading).push(
            "edit this card's source in $EDITOR, then recompile",
            Style::Plain,
        );
        let wrapped = words(&row, 40);
        assert_eq!(
            texts(&wrapped),
            [
                "  e           edit this card's source in",
                "              $EDITOR, then recompile",
            ]
        );
    }

    #[test]
    fn a_word_wider_than_the_screen_is_cut_and_styles_survive() {
        let line = Line::styled("ok ", Style::Good).push("x".repeat(45), Style::Bad);
        let wrapped = words(&line, 20);
        let x = |n| "x".repeat(n);
        assert_eq!(texts(&wrapped), ["ok".to_string(), x(20), x(20), x(5)]);
        assert_eq!(wrapped[0].0[0].style, Style::Good);
        assert_eq!(wrapped[1].0[0].style, Style::Bad);
    }

    #[test]
    fn wide_characters_count_twice() {
        let line = Line::plain("漢字 漢字 漢字 漢字 漢字 漢字");
        let wrapped = words(&line, 20);
        assert!(wrapped.iter().all(|l| width(l) <= 20));
        assert_eq!(wrapped.len(), 2);
    }

    #[test]
    fn code_is_cut_not_reflowed_and_marked() {
        let line = Line::styled("    ", Style::Code).push(
            "result = some_function(argument_one, argument_two)",
            Style::Code,
        );
        let cut = code(&line, 30);
        assert_eq!(
            plain_text(&cut),
            "    result = some_function(arg\n    ↪ ument_one, argument_two)\n"
        );
        let short = Line::plain("    x = 1");
        assert_eq!(code(&short, 30), vec![short]);
    }

    #[test]
    fn lines_that_fit_are_left_alone() {
        let lines = [Line::plain("short"), Line::new()];
        assert_eq!(lay_out(&lines, 60), lines.to_vec());
        // Too narrow to lay out: left alone rather than one word per line.
        let long = Line::plain("a b c d e f g h i j k l m n o p q r s t u v w x y z");
        assert_eq!(words(&long, 10), vec![long]);
    }
}
