-- The roadmap topics and subtopics of the last sync, in roadmap order.
SELECT id, section, parent, number, title, detail FROM topics ORDER BY ord
