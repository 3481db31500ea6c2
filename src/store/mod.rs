//! All SQL lives here. STUB: being written; see the store contract.

/// What can go wrong with a collection.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{context}: {source}")]
    Sqlite {
        context: String,
        source: rusqlite::Error,
    },
}

impl StoreError {
    pub fn hint(&self) -> Option<String> {
        None
    }
}
