//! The report as terminal [`Line`]s laid out for a width of 60 to 200
//! columns: no line wider, no word split (prose breaks between words, long
//! names are cut between words and marked), and every chart drawn with
//! glyphs, so it reads the same without colour.

use super::heatmap::{self, LEVELS};
use super::{Bucket, DayCount, PhaseReport, Report, SectionProgress, Stages, FORECAST_DAYS};
use crate::store::MATURE_INTERVAL;
use crate::styled::{Line, Style};
use chrono::Datelike;

/// The width when there is no terminal to ask (a pipe, a file).
pub const WIDTH: usize = 80;
/// The narrowest and widest layouts; a terminal outside is treated as these.
pub const MIN_WIDTH: usize = 60;
pub const MAX_WIDTH: usize = 200;

/// The layout width for a terminal of `columns` (`None`: not a terminal).
pub fn fit(columns: Option<usize>) -> usize {
    columns.unwrap_or(WIDTH).clamp(MIN_WIDTH, MAX_WIDTH)
}

/// Rows of the forecast chart; each row holds eight steps of a block glyph.
const FORECAST_ROWS: u64 = 4;
const EIGHTHS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// Columns per forecast day: the bar and a gap.
const FORECAST_COLUMN: usize = 2;
/// The heatmap glyph of each level, 0 = no answers.
const HEAT: [char; LEVELS as usize + 1] = ['·', '░', '▒', '▓', '█'];
/// Width of the stage bars in the roadmap tables.
const SECTION_BAR: usize = 20;
const TOPIC_BAR: usize = 12;
const MILESTONE_BAR: usize = 10;
const DISTRIBUTION_BAR: usize = 40;
const MATURE_GLYPH: char = '█';
const LEARNING_GLYPH: char = '▓';
const NEW_GLYPH: char = '░';
/// The bar of a section or topic without cards.
const EMPTY_GLYPH: char = '·';

fn heading(text: impl Into<String>) -> Line {
    Line::styled(text, Style::Heading)
}

fn dim(text: impl Into<String>) -> Line {
    Line::styled(text, Style::Dim)
}

/// `text` cut to `max` characters, with `…` where it was cut.
pub fn truncate(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// `text` cut between words to at most `max` characters, with `…` where it
/// was cut (a single word longer than `max` is cut where it must be).
pub fn truncate_words(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let room: String = text.chars().take(max.saturating_sub(1)).collect();
    match room.rfind(' ') {
        Some(at) if at > 0 => format!("{}…", room[..at].trim_end()),
        _ => truncate(text, max),
    }
}

/// `text` in lines of at most `width` characters, broken between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let word = truncate(word, width);
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `n` cells out of `width` for `part` of `whole`, rounded.
fn cells(part: u64, whole: u64, width: usize) -> usize {
    if whole == 0 {
        return 0;
    }
    let width = width as u64;
    usize::try_from((part * width + whole / 2) / whole).unwrap_or(0)
}

/// A bar of mature, learning and new cards, `width` cells in all.
fn stage_bar(line: Line, stages: &Stages, width: usize) -> Line {
    let total = stages.total();
    if total == 0 {
        return line.push(EMPTY_GLYPH.to_string().repeat(width), Style::Dim);
    }
    let mature = cells(stages.mature, total, width);
    let seen = cells(stages.mature + stages.learning, total, width).max(mature);
    // Empty parts are left out, so no escape codes wrap nothing.
    [
        (MATURE_GLYPH, mature, Style::Good),
        (LEARNING_GLYPH, seen - mature, Style::Code),
        (NEW_GLYPH, width - seen, Style::Dim),
    ]
    .into_iter()
    .filter(|(_, n, _)| *n > 0)
    .fold(line, |line, (glyph, n, style)| {
        line.push(glyph.to_string().repeat(n), style)
    })
}

fn percent(stages: &Stages) -> String {
    format!("{:.0}%", stages.mature_share() * 100.0)
}

/// `new  learning  mature  cards` after a bar and its percentage.
fn stage_numbers(stages: &Stages) -> String {
    format!(
        " {:>4} {:>6} {:>9} {:>7} {:>6}",
        percent(stages),
        stages.new,
        stages.learning,
        stages.mature,
        stages.total()
    )
}

const STAGE_HEADER: &str = "    new  learning  mature  cards";

/// A heading over a table whose columns end with [`stage_numbers`]; the
/// column names go on a line of their own when the title leaves no room.
fn table_heading(title: &str, table_width: usize) -> Vec<Line> {
    let needed = title.chars().count() + 1 + STAGE_HEADER.len();
    if needed > table_width {
        let pad = table_width.saturating_sub(STAGE_HEADER.len());
        return vec![
            heading(title),
            dim(format!("{}{STAGE_HEADER}", " ".repeat(pad))),
        ];
    }
    let pad = table_width.saturating_sub(title.chars().count() + STAGE_HEADER.len());
    vec![heading(title)
        .push(" ".repeat(pad), Style::Plain)
        .push(STAGE_HEADER, Style::Dim)]
}

/// `parts` joined by ` · ` after `indent`, broken between parts (and a part
/// too long for a line between its words) so no line passes `width`.
fn packed(indent: &str, parts: &[String], style: Style, width: usize) -> Vec<Line> {
    let room = width.saturating_sub(indent.len()).max(1);
    let mut rows: Vec<String> = Vec::new();
    let mut row = String::new();
    for part in parts.iter().flat_map(|p| wrap(p, room)) {
        let len = row.chars().count();
        if !row.is_empty() && len + 3 + part.chars().count() > room {
            rows.push(std::mem::take(&mut row));
        }
        if !row.is_empty() {
            row.push_str(" · ");
        }
        row.push_str(&part);
    }
    rows.push(row);
    rows.into_iter()
        .map(|r| Line::styled(format!("{indent}{r}"), style))
        .collect()
}

/// A heading wrapped between words.
fn headings(text: &str, width: usize) -> Vec<Line> {
    wrap(text, width).into_iter().map(heading).collect()
}

/// The whole `recall stats` screen, laid out for `width` columns (see [`fit`]).
pub fn overview(report: &Report, width: usize) -> Vec<Line> {
    let width = width.clamp(MIN_WIDTH, MAX_WIDTH);
    let mut lines = vec![heading(format!("recall stats · {}", report.today))];
    lines.extend(today(report, width));
    lines.extend(forecast(&report.forecast, width));
    lines.extend(retention(report, width));
    lines.extend(heat(report, width));
    lines.extend(distribution(
        "Ease factor of scheduled cards",
        &report.ef,
        width,
    ));
    lines.extend(distribution(
        "Interval of scheduled cards",
        &report.intervals,
        width,
    ));
    lines.extend(leeches(report, width));
    lines.extend(sections(&report.sections, width));
    lines.extend(milestones(report, width));
    lines
}

fn today(report: &Report, width: usize) -> Vec<Line> {
    let c = &report.counts;
    let days = |n: u32| if n == 1 { "day" } else { "days" };
    let mut lines = vec![Line::new(), heading("Today")];
    let plan = [
        format!("due {}", c.due_today),
        format!("new {}", report.new_today),
        format!("reviewed {}", c.reviewed_today),
        format!(
            "streak {} {} (longest {})",
            report.streak.current,
            days(report.streak.current),
            report.streak.longest
        ),
    ];
    lines.extend(packed("  ", &plan, Style::Plain, width));
    let cards = [
        format!("cards {}: new {}", c.total, c.new),
        format!("learning {}", c.learning),
        format!("mature {}", c.mature),
        format!("suspended {}", c.suspended),
        format!("retired {}", c.retired),
    ];
    lines.extend(packed("  ", &cards, Style::Plain, width));
    lines
}

/// Left of the forecast bars: `   123 ┤`.
const FORECAST_LABEL: usize = 8;

fn forecast(days: &[DayCount], width: usize) -> Vec<Line> {
    let total: u64 = days.iter().map(|d| d.count).sum();
    let mut lines = vec![Line::new()];
    let Some(busiest) = days
        .iter()
        .max_by_key(|d| (d.count, std::cmp::Reverse(d.day)))
    else {
        return lines;
    };
    if total == 0 {
        lines.push(heading(format!(
            "Due in the next {FORECAST_DAYS} days: nothing"
        )));
        return lines;
    }
    let tomorrow = days.get(1).map_or(0, |d| d.count);
    lines.extend(headings(
        &format!(
            "Due in the next {FORECAST_DAYS} days: {total} (tomorrow {tomorrow}, most {} on {})",
            busiest.count, busiest.day
        ),
        width,
    ));
    // A bar and a gap per day where they fit, else bars side by side.
    let column = if FORECAST_LABEL + days.len() * FORECAST_COLUMN <= width {
        FORECAST_COLUMN
    } else {
        1
    };
    let max = busiest.count;
    let steps = FORECAST_ROWS * 8;
    let units: Vec<u64> = days
        .iter()
        // A day with anything due shows at least a sliver.
        .map(|d| ((d.count * steps + max / 2) / max).max(u64::from(d.count > 0)))
        .collect();
    for row in 0..FORECAST_ROWS {
        let base = (FORECAST_ROWS - 1 - row) * 8;
        let label = match row {
            0 => format!("{max:>6} ┤"),
            _ => format!("{:>6} │", ""),
        };
        let bars: String = units
            .iter()
            .map(|u| {
                let eighth = usize::try_from(u.saturating_sub(base).min(8)).unwrap_or(0);
                format!("{}{}", EIGHTHS[eighth], " ".repeat(column - 1))
            })
            .collect();
        lines.push(dim(label).push(bars.trim_end(), Style::Prompt));
    }
    let axis = "─".repeat(days.len() * column);
    lines.push(dim(format!("{:>6} └{axis}", 0)));
    let mut ticks = String::new();
    for (i, label) in [
        (0, "today"),
        (7, "+7"),
        (14, "+14"),
        (21, "+21"),
        (28, "+28"),
    ] {
        let at = i * column;
        let pad = at.saturating_sub(ticks.chars().count());
        ticks.push_str(&" ".repeat(pad));
        ticks.push_str(label);
    }
    lines.push(dim(format!("{:>8}{ticks}", "")));
    lines
}

/// The name column of the retention table, and its widest other column.
const RETENTION_NAMES: usize = 20;
const RETENTION_COLUMN: usize = 16;

fn retention(report: &Report, width: usize) -> Vec<Line> {
    let windows = report.retention.len().max(1);
    let col = ((width - RETENTION_NAMES) / windows).min(RETENTION_COLUMN);
    let mut header = format!("{:<RETENTION_NAMES$}", "Retention (q ≥ 3)");
    for r in &report.retention {
        header.push_str(&format!("{:>col$}", format!("{} days", r.days)));
    }
    let mut lines = vec![Line::new(), heading(header)];
    for mature in [false, true] {
        let name = if mature { "mature" } else { "young" };
        let mut line = format!("  {name:<18}");
        for r in &report.retention {
            let s = if mature { r.mature } else { r.young };
            line.push_str(&format!(
                "{:>col$}",
                format!("{} of {}", s.percent(), s.answers)
            ));
        }
        lines.push(Line::plain(line));
    }
    let note = [
        format!("mature: {MATURE_INTERVAL}+ days since the card's last review"),
        "first answers left out".to_string(),
    ];
    lines.extend(packed("  ", &note, Style::Dim, width));
    lines
}

fn heat(report: &Report, width: usize) -> Vec<Line> {
    let answers: u64 = report.heatmap.iter().map(|d| d.count).sum();
    let days = report.heatmap.len();
    let mut weeks = heatmap::weeks(&report.heatmap, report.today);
    // The newest weeks, as many as fit beside the weekday names.
    let room = width.saturating_sub(6);
    if weeks.len() > room {
        weeks.drain(..weeks.len() - room);
    }
    let max = report.heatmap.iter().map(|d| d.count).max().unwrap_or(0);
    let mut lines = vec![
        Line::new(),
        heading(format!(
            "Reviews in the last year: {answers} {} on {days} {}",
            if answers == 1 { "answer" } else { "answers" },
            if days == 1 { "day" } else { "days" }
        )),
    ];
    const PREFIX: usize = 6;
    let mut months = " ".repeat(PREFIX);
    let mut last_month = None;
    for (i, week) in weeks.iter().enumerate() {
        let date = week.start.to_date();
        let month = date.month();
        // A month is labelled at its first whole week, when there is room.
        if last_month != Some(month) && months.chars().count() <= PREFIX + i {
            if last_month.is_some() || date.day() <= 7 {
                months.push_str(&" ".repeat(PREFIX + i - months.chars().count()));
                months.push_str(&date.format("%b").to_string());
            }
            last_month = Some(month);
        }
    }
    lines.push(dim(months));
    const WEEKDAYS: [&str; 7] = ["Mon", "", "Wed", "", "Fri", "", "Sun"];
    for (row, name) in WEEKDAYS.iter().enumerate() {
        let cells: String = weeks
            .iter()
            .map(|w| match w.days[row] {
                Some(n) => HEAT[usize::from(heatmap::level(n, max))],
                None => ' ',
            })
            .collect();
        lines.push(dim(format!("  {name:<3} ")).push(cells.trim_end(), Style::Good));
    }
    let legend: String = HEAT.iter().map(|c| format!("{c} ")).collect();
    lines.push(dim(format!(
        "{:PREFIX$}less {legend}more (busiest day {max})",
        ""
    )));
    lines
}

fn distribution(title: &str, buckets: &[Bucket], width: usize) -> Vec<Line> {
    // `  label      ` before the bar, ` 1234` after it.
    let bar = DISTRIBUTION_BAR.min(width.saturating_sub(13 + 8));
    let mut lines = vec![Line::new(), heading(title)];
    let max = buckets.iter().map(|b| b.cards).max().unwrap_or(0);
    if max == 0 {
        lines.push(dim("  no scheduled cards yet"));
        return lines;
    }
    for b in buckets {
        let n = cells(b.cards, max, bar).max(usize::from(b.cards > 0));
        lines.push(
            Line::plain(format!("  {:<10} ", b.label))
                .push("■".repeat(n), Style::Prompt)
                .push(format!(" {}", b.cards), Style::Plain),
        );
    }
    lines
}

fn leeches(report: &Report, width: usize) -> Vec<Line> {
    let l = &report.leeches;
    let mut lines = vec![
        Line::new(),
        heading(format!("Leeches ({}+ lapses): {}", l.threshold, l.count)),
    ];
    for card in &l.cards {
        let head = format!(
            "  {}  {:>3}×  {:<9}  ",
            card.id,
            card.lapses,
            if card.suspended { "suspended" } else { "" }
        );
        let room = width.saturating_sub(head.chars().count());
        let tail = truncate_words(
            &format!("{} {}", card.topic, card.prompt.replace('\n', " ")),
            room,
        );
        lines.push(Line::styled(head, Style::Bad).push(tail, Style::Plain));
    }
    lines
}

/// The columns of [`stage_numbers`].
const STAGE_NUMBERS: usize = 37;
/// `  phase-0    ` before a section's bar.
const SECTION_NAME: usize = 13;

/// The section bar's width: [`SECTION_BAR`] where it fits.
fn section_bar(width: usize) -> usize {
    SECTION_BAR.min(width.saturating_sub(SECTION_NAME + STAGE_NUMBERS))
}

/// A section's short name for the tables: its id.
fn section_row(s: &SectionProgress, bar: usize) -> Line {
    stage_bar(Line::plain(format!("  {:<10} ", s.id)), &s.stages, bar)
        .push(stage_numbers(&s.stages), Style::Plain)
}

fn sections(sections: &[SectionProgress], width: usize) -> Vec<Line> {
    let mut lines = vec![Line::new()];
    if sections.is_empty() {
        lines.push(heading("Roadmap: none compiled"));
        return lines;
    }
    let bar = section_bar(width);
    let table = section_row(&sections[0], bar).text().chars().count();
    lines.extend(table_heading(
        "Roadmap (bar: mature █ learning ▓ new ░)",
        table,
    ));
    lines.extend(sections.iter().map(|s| section_row(s, bar)));
    let mut all = Stages::default();
    sections.iter().for_each(|s| all.add(&s.stages));
    lines.push(
        stage_bar(Line::plain(format!("  {:<10} ", "all")), &all, bar)
            .push(stage_numbers(&all), Style::Plain),
    );
    lines
}

/// A milestone's row; its text goes on below, under itself, between words.
fn milestone_lines(m: &super::MilestoneProgress, width: usize) -> Vec<Line> {
    let head = Line::plain(format!(
        "  {:<3} {:<10} ",
        m.milestone.id, m.milestone.section
    ));
    let line = stage_bar(head, &m.stages, MILESTONE_BAR)
        .push(format!(" {:>4}  ", percent(&m.stages)), Style::Plain);
    let indent = line.text().chars().count();
    let mut rows = wrap(&m.milestone.text, width.saturating_sub(indent).max(1)).into_iter();
    let mut lines = vec![line.push(rows.next().unwrap_or_default(), Style::Dim)];
    lines.extend(rows.map(|r| dim(format!("{}{r}", " ".repeat(indent)))));
    lines
}

fn milestones(report: &Report, width: usize) -> Vec<Line> {
    if report.milestones.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::new()];
    lines.extend(headings(
        "Milestones (the cards of the section each closes; % mature)",
        width,
    ));
    for m in &report.milestones {
        lines.extend(milestone_lines(m, width));
    }
    lines
}

/// `    12 ` before a topic's title.
const TOPIC_NUMBER: usize = 7;
/// Topic titles are cut (between words) to this.
const TOPIC_TITLE: usize = 22;

/// `recall stats --phase N`: one section, its milestones and its topics,
/// laid out for `width` columns (see [`fit`]).
pub fn phase(report: &PhaseReport, width: usize) -> Vec<Line> {
    let width = width.clamp(MIN_WIDTH, MAX_WIDTH);
    let s = &report.section;
    let mut lines = headings(&s.title, width);
    if let Some(goal) = &s.goal {
        lines.extend(
            wrap(&format!("Goal: {goal}"), width - 2)
                .into_iter()
                .map(|l| dim(format!("  {l}"))),
        );
    }
    lines.push(Line::new());
    let bar = section_bar(width);
    let table = section_row(s, bar).text().chars().count();
    lines.extend(table_heading("Cards", table));
    lines.push(section_row(s, bar));
    for m in &report.milestones {
        lines.push(Line::new());
        let text = format!(
            "{} {}: {}",
            m.milestone.label, m.milestone.id, m.milestone.text
        );
        lines.extend(
            wrap(&text, width - 2)
                .into_iter()
                .map(|l| Line::plain(format!("  {l}"))),
        );
    }
    lines.push(Line::new());
    // The title beside its bar where it fits, else on a line of its own.
    let beside = TOPIC_NUMBER + TOPIC_TITLE + 1 + TOPIC_BAR + STAGE_NUMBERS <= width;
    let mut rows: Vec<Line> = Vec::new();
    for t in &report.topics {
        let numbers = |head: Line| {
            stage_bar(head, &t.stages, TOPIC_BAR).push(stage_numbers(&t.stages), Style::Plain)
        };
        if beside {
            let title = truncate_words(&t.title, TOPIC_TITLE);
            rows.push(numbers(Line::plain(format!(
                "  {:>4} {title:<TOPIC_TITLE$} ",
                t.number
            ))));
        } else {
            let room = width - TOPIC_NUMBER;
            let mut titles = wrap(&t.title, room).into_iter();
            let first = titles.next().unwrap_or_default();
            rows.push(Line::plain(format!("  {:>4} {first}", t.number)));
            rows.extend(titles.map(|l| Line::plain(format!("{:TOPIC_NUMBER$}{l}", ""))));
            rows.push(numbers(Line::plain(" ".repeat(TOPIC_NUMBER))));
        }
    }
    let table = TOPIC_NUMBER + if beside { TOPIC_TITLE + 1 } else { 0 } + TOPIC_BAR + STAGE_NUMBERS;
    lines.extend(table_heading("Topics", table));
    lines.extend(rows);
    lines
}
