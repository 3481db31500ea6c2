//! Anki's text import format, comma-separated (see [`super::tsv`]): fields
//! with commas, quotes or line breaks are quoted as RFC 4180 says.

use super::tsv::write_text;
use super::{ExportError, Exporter, Options, Summary, Target};
use crate::progress::Progress;
use crate::store::ExportRead;

pub struct Csv;

impl Exporter for Csv {
    fn export(
        &self,
        read: &ExportRead<'_>,
        options: &Options,
        target: Target<'_>,
        _progress: &mut dyn Progress,
    ) -> Result<Summary, ExportError> {
        write_text(read, options, target.out, b',', "comma")
    }
}
