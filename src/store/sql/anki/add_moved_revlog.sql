-- A row whose id moved: its card and new id.
INSERT INTO temp.moved_revlog VALUES (?1, ?2)
