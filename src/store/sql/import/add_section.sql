-- An imported deck's section: id ?1, title ?2 (the Anki name), ord ?3.
INSERT INTO sections (id, title, goal, ord) VALUES (?1, ?2, NULL, ?3)
