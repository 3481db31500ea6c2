-- Deletes the stored roadmap; imported decks (`anki-…`) belong to no roadmap and stay.
DELETE FROM milestones;
DELETE FROM topics WHERE section NOT GLOB 'anki-*';
DELETE FROM sections WHERE id NOT GLOB 'anki-*';
