-- The one topic of an imported section: id ?1, section ?2, number ?3, title ?4, ord ?5.
INSERT INTO topics (id, section, parent, number, title, detail, ord)
VALUES (?1, ?2, NULL, ?3, ?4, '', ?5)
