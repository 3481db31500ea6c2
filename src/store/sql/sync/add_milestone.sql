-- A milestone: ord, id, section, label, text.
INSERT INTO milestones (ord, id, section, label, text) VALUES (?1, ?2, ?3, ?4, ?5)
