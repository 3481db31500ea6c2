-- Card ?1 stands at position ?2 of the plan (plan_order.sql); a second card
-- of the same id keeps the first one's place.
INSERT OR IGNORE INTO temp.plan_order (cid, pos) VALUES (?1, ?2)
