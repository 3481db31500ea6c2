-- The ord of a new topic: after every topic.
SELECT coalesce(max(ord), 0) + 1 FROM topics
