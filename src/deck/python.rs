//! Which Python a deck's answers hold for (`python:` in its front matter)
//! and which Python the learner has: a deck for other versions is left out
//! of the learner's compile.

use std::fmt;
use std::str::FromStr;

/// A CPython version, major and minor (`3.13`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PythonVersion {
    pub major: u32,
    pub minor: u32,
}

impl FromStr for PythonVersion {
    type Err = ();

    /// `3.13` or `3.13.1` (the patch level does not matter).
    fn from_str(s: &str) -> Result<Self, ()> {
        let mut parts = s.trim().split('.');
        let major = parts.next().and_then(|p| p.parse().ok()).ok_or(())?;
        let minor = parts.next().and_then(|p| p.parse().ok()).ok_or(())?;
        if parts.any(|p| p.parse::<u32>().is_err()) {
            return Err(());
        }
        Ok(PythonVersion { major, minor })
    }
}

impl fmt::Display for PythonVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// The versions a deck holds for: from `since` on, and below `before`.
/// `3.11` and `>=3.11` mean 3.11 and later; `<3.12` before 3.12;
/// `>=3.11,<3.12` both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PythonRange {
    pub since: Option<PythonVersion>,
    pub before: Option<PythonVersion>,
}

impl PythonRange {
    pub fn contains(&self, version: PythonVersion) -> bool {
        self.since.is_none_or(|s| version >= s) && self.before.is_none_or(|b| version < b)
    }

    /// Whether a learner whose version is unknown gets the deck: every deck
    /// but those only for older versions.
    pub fn for_unknown_version(&self) -> bool {
        self.before.is_none()
    }
}

impl FromStr for PythonRange {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let mut range = PythonRange {
            since: None,
            before: None,
        };
        for part in s.split(',').map(str::trim) {
            if let Some(v) = part.strip_prefix(">=") {
                range.since = Some(v.parse()?);
            } else if let Some(v) = part.strip_prefix('<') {
                range.before = Some(v.parse()?);
            } else {
                range.since = Some(part.parse()?);
            }
        }
        if let (Some(since), Some(before)) = (range.since, range.before) {
            if since >= before {
                return Err(());
            }
        }
        Ok(range)
    }
}

impl fmt::Display for PythonRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.since, self.before) {
            (Some(s), Some(b)) => write!(f, ">={s},<{b}"),
            (Some(s), None) => write!(f, ">={s}"),
            (None, Some(b)) => write!(f, "<{b}"),
            (None, None) => f.write_str("any"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> PythonVersion {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_hold_for_the_versions_they_name() {
        let table = [
            ("3.11", "3.10", false),
            ("3.11", "3.11", true),
            ("3.11", "3.13", true),
            (">=3.12", "3.11", false),
            (">=3.12", "3.12.1", true),
            ("<3.12", "3.11", true),
            ("<3.12", "3.12", false),
            (">=3.11,<3.13", "3.12", true),
            (">=3.11,<3.13", "3.13", false),
        ];
        for (range, version, want) in table {
            let r: PythonRange = range.parse().unwrap();
            assert_eq!(r.contains(v(version)), want, "{range} {version}");
            assert_eq!(r.to_string().parse::<PythonRange>(), Ok(r), "{range}");
        }
        assert!(">=3.12"
            .parse::<PythonRange>()
            .unwrap()
            .for_unknown_version());
        assert!(!"<3.12"
            .parse::<PythonRange>()
            .unwrap()
            .for_unknown_version());
    }

    #[test]
    fn nonsense_is_not_a_range() {
        for bad in ["", "three", "3", ">=3.x", ">=3.13,<3.12", "3.11.x"] {
            assert!(bad.parse::<PythonRange>().is_err(), "{bad:?}");
        }
    }
}
