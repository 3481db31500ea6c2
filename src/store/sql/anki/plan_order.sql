-- Where each card stands in the import's plan (its first place, for an id
-- the file holds twice): filled by the code, one (?1 card id, ?2 position)
-- a row, before revlog_in_plan_order.sql copies the revlog in that order.
CREATE TEMP TABLE plan_order (cid INTEGER PRIMARY KEY, pos INTEGER NOT NULL);
