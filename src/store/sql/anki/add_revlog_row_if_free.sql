-- One revlog row (as in add_revlog_rows.sql), if its id is free.
INSERT OR IGNORE INTO revlog VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6, ?7, ?8)
