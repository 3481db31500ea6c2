-- A roadmap topic: id, section, parent, number, title, detail, ord.
INSERT INTO topics (id, section, parent, number, title, detail, ord)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
