-- A card: id, note, deck, template ord, mtime (s), type, queue, due, ivl,
-- factor, reps, lapses, left (learning steps), data (JSON), flags (?15).
INSERT INTO cards VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0, 0, ?15, ?14)
