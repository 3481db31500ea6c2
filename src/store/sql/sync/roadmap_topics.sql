-- The stored roadmap topics (id, section, parent, number, title, detail,
-- ord), those of imported decks left out.
SELECT id, section, parent, number, title, detail, ord FROM topics
WHERE section NOT GLOB 'anki-*'
ORDER BY ord
