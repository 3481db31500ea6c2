//! Which fields an Anki card template shows: `{{Front}}`, `{{type:Back}}`,
//! `{{cloze:Text}}`; conditionals (`{{#X}}`, `{{^X}}`, `{{/X}}`), comments
//! and special fields (`{{FrontSide}}`, `{{Tags}}`) are not fields.

/// A field reference and the filters before it (`type`, `cloze`, `text`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRef {
    pub name: String,
    pub filters: Vec<String>,
}

impl FieldRef {
    pub fn has_filter(&self, filter: &str) -> bool {
        self.filters.iter().any(|f| f == filter)
    }
}

const SPECIAL: &[&str] = &[
    "FrontSide",
    "Tags",
    "Type",
    "Deck",
    "Subdeck",
    "Card",
    "CardFlag",
    "CardID",
];

/// The field references of a template, in order.
pub fn field_refs(template: &str) -> Vec<FieldRef> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let inner = after[..end].trim();
        rest = &after[end + 2..];
        if inner.starts_with(['#', '^', '/', '!']) {
            continue;
        }
        let mut parts: Vec<&str> = inner.split(':').map(str::trim).collect();
        let name = parts.pop().unwrap_or("").to_string();
        if name.is_empty() || SPECIAL.contains(&name.as_str()) {
            continue;
        }
        out.push(FieldRef {
            name,
            filters: parts.into_iter().map(str::to_string).collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fields_and_filters_not_conditionals() {
        let refs = field_refs("{{Front}}{{#Note}}{{Note}}{{/Note}}<br>{{type:Back}} {{FrontSide}}");
        let names: Vec<(&str, bool)> = refs
            .iter()
            .map(|r| (r.name.as_str(), r.has_filter("type")))
            .collect();
        assert_eq!(names, [("Front", false), ("Note", false), ("Back", true)]);
        assert_eq!(field_refs("{{cloze:Text}}")[0].filters, ["cloze"]);
        assert!(field_refs("{{unclosed").is_empty());
    }
}
