-- Keeps an event that cannot be applied yet (device, seq, line, why).
INSERT INTO sync_pending (device, seq, line, reason) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (device, seq) DO UPDATE SET reason = excluded.reason
