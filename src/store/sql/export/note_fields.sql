-- The fields (JSON) of every note an import carried, in id order: the media
-- they name go into an Anki package.
SELECT fields FROM anki_notes ORDER BY id
