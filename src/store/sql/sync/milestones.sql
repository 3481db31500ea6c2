-- The stored milestones (ord, id, section, label, text).
SELECT ord, id, section, label, text FROM milestones ORDER BY ord
