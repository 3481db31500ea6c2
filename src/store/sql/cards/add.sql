-- A new, active card; added and updated at ?14 (ms); ?15 its exact matching.
INSERT INTO cards (id, kind, deck, topic, ord, prompt, code, answer, alternatives, note,
                   case_sensitive, source_path, source_line, retired, added_ms, updated_ms,
                   exact)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0, ?14, ?14, ?15)
