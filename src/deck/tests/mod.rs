//! The deck parser on good and bad files, its properties, and resolution
//! against a roadmap.

mod parse;
mod parse_errors;
mod parse_props;
mod resolve;
