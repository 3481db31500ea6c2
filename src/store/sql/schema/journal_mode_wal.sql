-- Write-ahead logging; returns the journal mode now in force.
PRAGMA journal_mode = WAL
