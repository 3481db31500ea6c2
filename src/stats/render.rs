//! The report as terminal [`Line`]s: no line wider than [`WIDTH`] columns,
//! and every chart drawn with glyphs, so it reads the same without colour.

use super::heatmap::{self, LEVELS};
use super::{Bucket, DayCount, PhaseReport, Report, SectionProgress, Stages, FORECAST_DAYS};
use crate::store::MATURE_INTERVAL;
use crate::styled::{Line, Style};
use chrono::Datelike;

/// The terminal width everything fits in.
pub const WIDTH: usize = 80;

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

/// A heading over a table whose columns end with [`stage_numbers`].
fn table_heading(title: &str, table_width: usize) -> Line {
    let pad = table_width.saturating_sub(title.chars().count() + STAGE_HEADER.len());
    heading(title)
        .push(" ".repeat(pad), Style::Plain)
        .push(STAGE_HEADER, Style::Dim)
}

/// The whole `recall stats` screen.
pub fn overview(report: &Report) -> Vec<Line> {
    let mut lines = vec![heading(format!("recall stats · {}", report.today))];
    lines.extend(today(report));
    lines.extend(forecast(&report.forecast));
    lines.extend(retention(report));
    lines.extend(heat(report));
    lines.extend(distribution("Ease factor of scheduled cards", &report.ef));
    lines.extend(distribution(
        "Interval of scheduled cards",
        &report.intervals,
    ));
    lines.extend(leeches(report));
    lines.extend(sections(&report.sections));
    lines.extend(milestones(report));
    lines
}

fn today(report: &Report) -> Vec<Line> {
    let c = &report.counts;
    let days = |n: u32| if n == 1 { "day" } else { "days" };
    vec![
        Line::new(),
        heading("Today"),
        Line::plain(format!(
            "  due {} · new {} · reviewed {} · streak {} {} (longest {})",
            c.due_today,
            report.new_today,
            c.reviewed_today,
            report.streak.current,
            days(report.streak.current),
            report.streak.longest
        )),
        Line::plain(format!(
            "  cards {}: new {} · learning {} · mature {} · suspended {} · retired {}",
            c.total, c.new, c.learning, c.mature, c.suspended, c.retired
        )),
    ]
}

fn forecast(days: &[DayCount]) -> Vec<Line> {
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
    lines.push(heading(format!(
        "Due in the next {FORECAST_DAYS} days: {total} (tomorrow {tomorrow}, most {} on {})",
        busiest.count, busiest.day
    )));
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
                format!("{}{}", EIGHTHS[eighth], " ".repeat(FORECAST_COLUMN - 1))
            })
            .collect();
        lines.push(dim(label).push(bars.trim_end(), Style::Prompt));
    }
    let axis = "─".repeat(days.len() * FORECAST_COLUMN);
    lines.push(dim(format!("{:>6} └{axis}", 0)));
    let mut ticks = String::new();
    for (i, label) in [
        (0, "today"),
        (7, "+7"),
        (14, "+14"),
        (21, "+21"),
        (28, "+28"),
    ] {
        let at = i * FORECAST_COLUMN;
        let pad = at.saturating_sub(ticks.chars().count());
        ticks.push_str(&" ".repeat(pad));
        ticks.push_str(label);
    }
    lines.push(dim(format!("{:>8}{ticks}", "")));
    lines
}

fn retention(report: &Report) -> Vec<Line> {
    let mut header = format!("{:<20}", "Retention (q ≥ 3)");
    for r in &report.retention {
        header.push_str(&format!("{:>16}", format!("{} days", r.days)));
    }
    let mut lines = vec![Line::new(), heading(header)];
    for mature in [false, true] {
        let name = if mature { "mature" } else { "young" };
        let mut line = format!("  {name:<18}");
        for r in &report.retention {
            let s = if mature { r.mature } else { r.young };
            line.push_str(&format!(
                "{:>16}",
                format!("{} of {}", s.percent(), s.answers)
            ));
        }
        lines.push(Line::plain(line));
    }
    lines.push(dim(format!(
        "  mature: {MATURE_INTERVAL}+ days since the card's last review · first answers left out"
    )));
    lines
}

fn heat(report: &Report) -> Vec<Line> {
    let answers: u64 = report.heatmap.iter().map(|d| d.count).sum();
    let days = report.heatmap.len();
    let weeks = heatmap::weeks(&report.heatmap, report.today);
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

fn distribution(title: &str, buckets: &[Bucket]) -> Vec<Line> {
    let mut lines = vec![Line::new(), heading(title)];
    let max = buckets.iter().map(|b| b.cards).max().unwrap_or(0);
    if max == 0 {
        lines.push(dim("  no scheduled cards yet"));
        return lines;
    }
    for b in buckets {
        let n = cells(b.cards, max, DISTRIBUTION_BAR).max(usize::from(b.cards > 0));
        lines.push(
            Line::plain(format!("  {:<10} ", b.label))
                .push("■".repeat(n), Style::Prompt)
                .push(format!(" {}", b.cards), Style::Plain),
        );
    }
    lines
}

fn leeches(report: &Report) -> Vec<Line> {
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
        let room = WIDTH.saturating_sub(head.chars().count());
        let tail = truncate(
            &format!("{} {}", card.topic, card.prompt.replace('\n', " ")),
            room,
        );
        lines.push(Line::styled(head, Style::Bad).push(tail, Style::Plain));
    }
    lines
}

/// A section's short name for the tables: its id.
fn section_row(s: &SectionProgress) -> Line {
    stage_bar(
        Line::plain(format!("  {:<10} ", s.id)),
        &s.stages,
        SECTION_BAR,
    )
    .push(stage_numbers(&s.stages), Style::Plain)
}

fn sections(sections: &[SectionProgress]) -> Vec<Line> {
    let mut lines = vec![Line::new()];
    if sections.is_empty() {
        lines.push(heading("Roadmap: none compiled"));
        return lines;
    }
    let width = section_row(&sections[0]).text().chars().count();
    lines.push(table_heading(
        "Roadmap (bar: mature █ learning ▓ new ░)",
        width,
    ));
    lines.extend(sections.iter().map(section_row));
    let mut all = Stages::default();
    sections.iter().for_each(|s| all.add(&s.stages));
    lines.push(
        stage_bar(Line::plain(format!("  {:<10} ", "all")), &all, SECTION_BAR)
            .push(stage_numbers(&all), Style::Plain),
    );
    lines
}

fn milestone_line(m: &super::MilestoneProgress) -> Line {
    let head = Line::plain(format!(
        "  {:<3} {:<10} ",
        m.milestone.id, m.milestone.section
    ));
    let line = stage_bar(head, &m.stages, MILESTONE_BAR)
        .push(format!(" {:>4}  ", percent(&m.stages)), Style::Plain);
    let room = WIDTH.saturating_sub(line.text().chars().count());
    line.push(truncate(&m.milestone.text, room), Style::Dim)
}

fn milestones(report: &Report) -> Vec<Line> {
    if report.milestones.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        Line::new(),
        heading("Milestones (the cards of the section each closes; % mature)"),
    ];
    lines.extend(report.milestones.iter().map(milestone_line));
    lines
}

/// `recall stats --phase N`: one section, its milestones and its topics.
pub fn phase(report: &PhaseReport) -> Vec<Line> {
    let s = &report.section;
    let mut lines = vec![heading(truncate(&s.title, WIDTH))];
    if let Some(goal) = &s.goal {
        lines.extend(
            wrap(&format!("Goal: {goal}"), WIDTH - 2)
                .into_iter()
                .map(|l| dim(format!("  {l}"))),
        );
    }
    lines.push(Line::new());
    let width = section_row(s).text().chars().count();
    lines.push(table_heading("Cards", width));
    lines.push(section_row(s));
    for m in &report.milestones {
        lines.push(Line::new());
        let text = format!(
            "{} {}: {}",
            m.milestone.label, m.milestone.id, m.milestone.text
        );
        lines.extend(
            wrap(&text, WIDTH - 2)
                .into_iter()
                .map(|l| Line::plain(format!("  {l}"))),
        );
    }
    lines.push(Line::new());
    let rows: Vec<Line> = report
        .topics
        .iter()
        .map(|t| {
            let head = Line::plain(format!("  {:>4} {:<22} ", t.number, truncate(&t.title, 22)));
            stage_bar(head, &t.stages, TOPIC_BAR).push(stage_numbers(&t.stages), Style::Plain)
        })
        .collect();
    let width = rows.first().map_or(WIDTH, |r| r.text().chars().count());
    lines.push(table_heading("Topics", width));
    lines.extend(rows);
    lines
}
