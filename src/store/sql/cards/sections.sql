-- The roadmap sections of the last sync (and imported decks), in order.
SELECT id, title, goal FROM sections ORDER BY ord
