-- The milestones and capstones of the last sync, in roadmap order.
SELECT id, label, section, text FROM milestones ORDER BY ord
