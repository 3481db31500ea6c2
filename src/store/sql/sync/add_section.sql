-- A roadmap section: id, title, goal, ord.
INSERT INTO sections (id, title, goal, ord) VALUES (?1, ?2, ?3, ?4)
