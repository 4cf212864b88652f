ALTER TABLE things ADD COLUMN notes TEXT;
UPDATE things SET notes = 'postgresql';
