-- The stored roadmap sections (id, title, goal, ord), imported decks left out.
SELECT id, title, goal, ord FROM sections WHERE id NOT GLOB 'anki-*' ORDER BY ord
