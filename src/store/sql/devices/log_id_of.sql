-- The log row of the event (device ?1, seq ?2).
SELECT log_id FROM event_origin WHERE device = ?1 AND seq = ?2
