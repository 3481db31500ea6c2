//! Media in Anki fields: `<img src="diagram.png">` and `[sound:x.mp3]`.
//! recall shows them as markers (`[image: diagram.png]`, `[audio: x.mp3]`)
//! and keeps the files, under Anki's names, in a folder beside the
//! collection. A package's names are hostile input: [`valid_name`] admits
//! only a plain file name.

/// The longest media file name recall keeps (most file systems allow 255 bytes).
pub const MAX_NAME_BYTES: usize = 255;

const SOUND_OPEN: &str = "[sound:";

/// Whether `name` is a plain file name that stays inside the media folder:
/// not empty, not `.`/`..`, no path separator, no drive or absolute path, no
/// control character, at most [`MAX_NAME_BYTES`].
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_BYTES
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
}

/// The media names a field's HTML refers to, in order, each once.
pub fn references(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |name: String| {
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    };
    for piece in split(html) {
        match piece {
            Piece::Image(name) | Piece::Sound(name) => push(name),
            Piece::Text(_) => {}
        }
    }
    out
}

/// The field's HTML with images and sounds replaced by text markers, for
/// the HTML-to-text step that follows.
pub fn with_markers(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for piece in split(html) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Image(name) => out.push_str(&format!("[image: {name}]")),
            Piece::Sound(name) => out.push_str(&format!("[audio: {name}]")),
        }
    }
    out
}

enum Piece<'a> {
    Text(&'a str),
    Image(String),
    Sound(String),
}

/// The field cut into text, `<img>` tags and `[sound:]` references.
fn split(html: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    loop {
        let img = find_img(rest);
        let sound = rest.find(SOUND_OPEN);
        let next = match (img, sound) {
            (Some(i), Some(s)) => Some(i.min(s)),
            (a, b) => a.or(b),
        };
        let Some(at) = next else {
            out.push(Piece::Text(rest));
            return out;
        };
        out.push(Piece::Text(&rest[..at]));
        rest = &rest[at..];
        if let Some(body) = rest.strip_prefix(SOUND_OPEN) {
            let Some(end) = body.find(']') else {
                out.push(Piece::Text(rest));
                return out;
            };
            out.push(Piece::Sound(decode(body[..end].trim())));
            rest = &body[end + 1..];
        } else {
            let Some(end) = rest.find('>') else {
                out.push(Piece::Text(rest));
                return out;
            };
            let name = src_of(&rest[..end]).unwrap_or_default();
            out.push(Piece::Image(name));
            rest = &rest[end + 1..];
        }
    }
}

/// Where the next `<img` tag starts (any case).
fn find_img(s: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    lower.match_indices("<img").map(|(i, _)| i).find(|&i| {
        lower[i + 4..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || c == '/' || c == '>')
    })
}

/// The `src` attribute of an `<img …` tag (without its `>`), decoded.
fn src_of(tag: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("src") {
        let at = from + i;
        from = at + 3;
        let before = lower[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let after = tag[at + 3..].trim_start();
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let raw = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or_default(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or_default(),
        };
        return Some(decode(raw));
    }
    None
}

/// Anki writes `&amp;` and friends in attributes; names are plain.
fn decode(s: &str) -> String {
    super::html::to_text(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_and_sounds_become_markers() {
        let html =
            r#"See <img src="diagram.png"> and <IMG class=x SRC='a b.jpg' /> [sound:x.mp3]!"#;
        assert_eq!(
            with_markers(html),
            "See [image: diagram.png] and [image: a b.jpg] [audio: x.mp3]!"
        );
        assert_eq!(references(html), ["diagram.png", "a b.jpg", "x.mp3"]);
    }

    #[test]
    fn text_without_media_is_unchanged() {
        for s in ["plain", "<b>x</b> [sound", "<imgx src=a>", "a < b"] {
            assert_eq!(with_markers(s), s);
        }
        assert!(references("<imgx src=a>").is_empty());
    }

    #[test]
    fn only_plain_file_names_are_valid() {
        for ok in ["a.png", "Ünï code.mp3", "x..y"] {
            assert!(valid_name(ok), "{ok}");
        }
        for bad in [
            "",
            ".",
            "..",
            "../x",
            "/etc/passwd",
            "a/b",
            "a\\b",
            "C:x",
            "a\nb",
            "a\0b",
        ] {
            assert!(!valid_name(bad), "{bad:?}");
        }
        assert!(!valid_name(&"a".repeat(256)));
    }
}
