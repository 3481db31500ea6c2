//! Anki's text import format, comma-separated (see [`super::tsv`]): fields
//! with commas, quotes or line breaks are quoted as RFC 4180 says.

use super::tsv::write_text;
use super::{ExportError, Exporter, Options, Summary};
use crate::progress::Progress;
use crate::store::Snapshot;
use std::io::Write;

pub struct Csv;

impl Exporter for Csv {
    fn export(
        &self,
        snapshot: &Snapshot,
        options: &Options,
        out: &mut dyn Write,
        _progress: &mut dyn Progress,
    ) -> Result<Summary, ExportError> {
        write_text(snapshot, options, out, b',', "comma")
    }
}
