//! How the domain newtypes are stored: ids and days as integers, kinds and
//! effects as the words of the CHECK constraints.

use crate::card::{CardId, CardKind};
use crate::day::Day;
use crate::history::{Effect, LogId};
use crate::sched::{Ef, Quality};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

fn out_of_range(value: i64) -> FromSqlError {
    FromSqlError::OutOfRange(value)
}

fn other(message: String) -> FromSqlError {
    FromSqlError::Other(message.into())
}

impl ToSql for CardId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        let value = i64::try_from(self.0)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        Ok(ToSqlOutput::from(value))
    }
}

impl FromSql for CardId {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let raw = value.as_i64()?;
        u64::try_from(raw)
            .map(CardId)
            .map_err(|_| out_of_range(raw))
    }
}

impl ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0))
    }
}

impl FromSql for Day {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let raw = value.as_i64()?;
        i32::try_from(raw).map(Day).map_err(|_| out_of_range(raw))
    }
}

impl ToSql for LogId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0))
    }
}

impl FromSql for LogId {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value.as_i64().map(LogId)
    }
}

impl ToSql for Quality {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.value()))
    }
}

impl FromSql for Quality {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let raw = value.as_i64()?;
        u8::try_from(raw)
            .ok()
            .and_then(Quality::new)
            .ok_or(out_of_range(raw))
    }
}

impl ToSql for Ef {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0))
    }
}

impl FromSql for Ef {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let raw = value.as_i64()?;
        u16::try_from(raw).map(Ef).map_err(|_| out_of_range(raw))
    }
}

impl ToSql for Effect {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for Effect {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        Effect::parse(text).ok_or_else(|| other(format!("unknown effect {text:?}")))
    }
}

impl ToSql for CardKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for CardKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        CardKind::parse(text).ok_or_else(|| other(format!("unknown card kind {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn round_trip<T: ToSql + FromSql>(value: &T) -> T {
        let conn = Connection::open_in_memory().unwrap();
        conn.query_row("SELECT ?1", [value], |r| r.get(0)).unwrap()
    }

    #[test]
    fn newtypes_round_trip() {
        assert_eq!(
            round_trip(&CardId(0xabc_def0_1234)),
            CardId(0xabc_def0_1234)
        );
        assert_eq!(round_trip(&Day(-3)), Day(-3));
        assert_eq!(round_trip(&LogId(7)), LogId(7));
        assert_eq!(
            round_trip(&Quality::new(4).unwrap()),
            Quality::new(4).unwrap()
        );
        assert_eq!(round_trip(&Ef(130)), Ef(130));
        for effect in [Effect::Schedule, Effect::Repeat, Effect::Drill] {
            assert_eq!(round_trip(&effect), effect);
        }
        for kind in CardKind::ALL {
            assert_eq!(round_trip(&kind), kind);
        }
    }

    #[test]
    fn out_of_range_values_are_refused() {
        let conn = Connection::open_in_memory().unwrap();
        let quality: rusqlite::Result<Quality> = conn.query_row("SELECT 6", [], |r| r.get(0));
        assert!(quality.is_err());
        let id: rusqlite::Result<CardId> = conn.query_row("SELECT -1", [], |r| r.get(0));
        assert!(id.is_err());
        let kind: rusqlite::Result<CardKind> = conn.query_row("SELECT 'quiz'", [], |r| r.get(0));
        assert!(kind.is_err());
        assert!(CardId(u64::MAX).to_sql().is_err());
    }
}
