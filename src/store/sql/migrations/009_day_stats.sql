-- recall collection, schema version 9: what `recall stats` and the day's
-- plan read of the log, kept per day, so that they read a few rows instead of
-- scanning every answer. Each write keeps it in its own transaction
-- (store/day_stats.rs); `recall check` compares it with a recomputation from
-- the log (sql/check/day_stats_diff.sql). Filled here from the log.
--
-- 21 (days: mature, MATURE_INTERVAL) and 3 (passing quality, PASSING_QUALITY)
-- are written out below, as the Rust code that keeps the table uses them;
-- changing either needs a migration that refills the table (`recall check`
-- reports the difference until then).

CREATE TABLE day_stats (
    day           INTEGER PRIMARY KEY NOT NULL,
    -- not-undone answers of the day, drills too (the streak)
    answers       INTEGER NOT NULL,
    -- of them, scheduled answers and same-day repeats (the heatmap)
    reviews       INTEGER NOT NULL,
    -- of them, scheduled answers (introductions + young + mature)
    scheduled     INTEGER NOT NULL,
    -- scheduled answers whose card had an earlier not-undone scheduled one,
    -- young (under 21 days since it) or mature, and how many of each passed
    young         INTEGER NOT NULL,
    young_passed  INTEGER NOT NULL,
    mature        INTEGER NOT NULL,
    mature_passed INTEGER NOT NULL
) STRICT;

INSERT INTO day_stats
SELECT r.day, count(*), sum(r.effect IN ('schedule', 'repeat')), sum(r.effect = 'schedule'),
       0, 0, 0, 0
FROM review_log r NOT INDEXED
WHERE r.event = 'answer'
  AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = r.id)
GROUP BY r.day;

UPDATE day_stats
SET young = x.young, young_passed = x.young_passed,
    mature = x.mature, mature_passed = x.mature_passed
FROM (SELECT a.day,
             sum(a.gap < 21) AS young, sum(a.gap < 21 AND a.quality >= 3) AS young_passed,
             sum(a.gap >= 21) AS mature, sum(a.gap >= 21 AND a.quality >= 3) AS mature_passed
      FROM (SELECT r.day, r.quality,
                   r.day - lag(r.day) OVER (PARTITION BY r.card_id ORDER BY r.id) AS gap
            FROM review_log r
            WHERE r.event = 'answer' AND r.effect = 'schedule'
              AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = r.id)) a
      WHERE a.gap IS NOT NULL
      GROUP BY a.day) x
WHERE day_stats.day = x.day;

-- The day's answers and undos (pending repeats), without the day's other
-- rows: an import logs one `import` row per card on the day it runs.
CREATE INDEX review_log_study_by_day ON review_log(day, id) WHERE event IN ('answer', 'undo');
