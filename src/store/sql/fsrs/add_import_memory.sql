-- The FSRS memory an import event (log row ?1) carried: stability, difficulty.
INSERT INTO import_memory (log_id, stability, difficulty) VALUES (?1, ?2, ?3)
