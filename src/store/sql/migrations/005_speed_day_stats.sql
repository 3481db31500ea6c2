-- recall collection, schema version 5: what `recall stats` reads from the log,
-- kept per day so that stats reads a few hundred rows instead of scanning
-- every answer. Triggers on review_log keep it in the transaction of each
-- appended row (answers, undos, imports: every write path), and `recall check`
-- compares it with a recomputation from the log (sql/check/day_stats_diff.sql).
--
-- 21 (days: mature, MATURE_INTERVAL) and 3 (passing quality, PASSING_QUALITY)
-- are written out below; changing either constant needs a new migration that
-- refills the table (`recall check` reports the difference until then).

CREATE TABLE day_stats (
    day           INTEGER PRIMARY KEY NOT NULL,
    -- not-undone answers of the day, drills too (the streak)
    answers       INTEGER NOT NULL DEFAULT 0 CHECK (answers >= 0),
    -- of them, scheduled answers and same-day repeats (the heatmap)
    reviews       INTEGER NOT NULL DEFAULT 0 CHECK (reviews >= 0),
    -- not-undone scheduled answers whose card had an earlier one (retention),
    -- young (under 21 days since it) or mature, and how many of each passed
    young         INTEGER NOT NULL DEFAULT 0 CHECK (young >= 0),
    young_passed  INTEGER NOT NULL DEFAULT 0 CHECK (young_passed >= 0),
    mature        INTEGER NOT NULL DEFAULT 0 CHECK (mature >= 0),
    mature_passed INTEGER NOT NULL DEFAULT 0 CHECK (mature_passed >= 0)
) STRICT;

-- An answer counts on its day; a scheduled one after an earlier not-undone
-- scheduled answer of its card (P, found through review_log_by_card) also
-- counts as a young or mature review, by the days since P.
CREATE TRIGGER day_stats_answer AFTER INSERT ON review_log WHEN NEW.event = 'answer'
BEGIN
    INSERT INTO day_stats (day) VALUES (NEW.day) ON CONFLICT (day) DO NOTHING;
    UPDATE day_stats
    SET answers = answers + 1,
        reviews = reviews + (NEW.effect IN ('schedule', 'repeat'))
    WHERE day = NEW.day;
    UPDATE day_stats
    SET young = young + (g.gap < 21),
        young_passed = young_passed + (g.gap < 21 AND NEW.quality >= 3),
        mature = mature + (g.gap >= 21),
        mature_passed = mature_passed + (g.gap >= 21 AND NEW.quality >= 3)
    FROM (SELECT NEW.day - p.day AS gap FROM review_log p
          WHERE p.card_id = NEW.card_id AND p.id < NEW.id
            AND p.event = 'answer' AND p.effect = 'schedule'
            AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = p.id)
          ORDER BY p.id DESC LIMIT 1) g
    WHERE day_stats.day = NEW.day AND NEW.effect = 'schedule';
END;

-- An undo takes its answer T out. If T was scheduled it also leaves
-- retention, and the card's next not-undone scheduled answer N (if any) now
-- follows T's predecessor P: N's review counted from T is taken out and, if P
-- exists, counted again from P. (No view: a view on review_log would stop a
-- later migration from rebuilding the table; triggers go with it.)
CREATE TRIGGER day_stats_undo AFTER INSERT ON review_log WHEN NEW.event = 'undo'
BEGIN
    UPDATE day_stats
    SET answers = answers - 1,
        reviews = reviews - (t.effect IN ('schedule', 'repeat'))
    FROM (SELECT day, effect FROM review_log WHERE id = NEW.target) t
    WHERE day_stats.day = t.day;
    -- T's own review, counted from P.
    UPDATE day_stats
    SET young = young - (x.gap < 21),
        young_passed = young_passed - (x.gap < 21 AND x.q >= 3),
        mature = mature - (x.gap >= 21),
        mature_passed = mature_passed - (x.gap >= 21 AND x.q >= 3)
    FROM (SELECT k.tday AS day, k.tday - k.pday AS gap, k.tq AS q
          FROM (SELECT t.day AS tday, t.quality AS tq, p.day AS pday, n.day AS nday, n.quality AS nq
          FROM review_log t
          LEFT JOIN review_log p ON p.id = (SELECT max(s.id) FROM review_log s
                       WHERE s.card_id = t.card_id AND s.id < t.id
                         AND s.event = 'answer' AND s.effect = 'schedule'
                         AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = s.id))
          LEFT JOIN review_log n ON n.id = (SELECT min(s.id) FROM review_log s
                       WHERE s.card_id = t.card_id AND s.id > t.id
                         AND s.event = 'answer' AND s.effect = 'schedule'
                         AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = s.id))
          WHERE t.id = NEW.target AND t.effect = 'schedule') k
          WHERE k.pday IS NOT NULL) x
    WHERE day_stats.day = x.day;
    -- N's review counted from T, out.
    UPDATE day_stats
    SET young = young - (x.gap < 21),
        young_passed = young_passed - (x.gap < 21 AND x.q >= 3),
        mature = mature - (x.gap >= 21),
        mature_passed = mature_passed - (x.gap >= 21 AND x.q >= 3)
    FROM (SELECT k.nday AS day, k.nday - k.tday AS gap, k.nq AS q
          FROM (SELECT t.day AS tday, t.quality AS tq, p.day AS pday, n.day AS nday, n.quality AS nq
          FROM review_log t
          LEFT JOIN review_log p ON p.id = (SELECT max(s.id) FROM review_log s
                       WHERE s.card_id = t.card_id AND s.id < t.id
                         AND s.event = 'answer' AND s.effect = 'schedule'
                         AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = s.id))
          LEFT JOIN review_log n ON n.id = (SELECT min(s.id) FROM review_log s
                       WHERE s.card_id = t.card_id AND s.id > t.id
                         AND s.event = 'answer' AND s.effect = 'schedule'
                         AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = s.id))
          WHERE t.id = NEW.target AND t.effect = 'schedule') k
          WHERE k.nday IS NOT NULL) x
    WHERE day_stats.day = x.day;
    -- N's review counted from P, in.
    UPDATE day_stats
    SET young = young + (x.gap < 21),
        young_passed = young_passed + (x.gap < 21 AND x.q >= 3),
        mature = mature + (x.gap >= 21),
        mature_passed = mature_passed + (x.gap >= 21 AND x.q >= 3)
    FROM (SELECT k.nday AS day, k.nday - k.pday AS gap, k.nq AS q
          FROM (SELECT t.day AS tday, t.quality AS tq, p.day AS pday, n.day AS nday, n.quality AS nq
          FROM review_log t
          LEFT JOIN review_log p ON p.id = (SELECT max(s.id) FROM review_log s
                       WHERE s.card_id = t.card_id AND s.id < t.id
                         AND s.event = 'answer' AND s.effect = 'schedule'
                         AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = s.id))
          LEFT JOIN review_log n ON n.id = (SELECT min(s.id) FROM review_log s
                       WHERE s.card_id = t.card_id AND s.id > t.id
                         AND s.event = 'answer' AND s.effect = 'schedule'
                         AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = s.id))
          WHERE t.id = NEW.target AND t.effect = 'schedule') k
          WHERE k.nday IS NOT NULL AND k.pday IS NOT NULL) x
    WHERE day_stats.day = x.day;
END;

-- Filled once from the log, the way sql/check/day_stats_diff.sql recomputes it.
INSERT INTO day_stats (day, answers, reviews)
SELECT r.day, count(*), sum(r.effect IN ('schedule', 'repeat'))
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
