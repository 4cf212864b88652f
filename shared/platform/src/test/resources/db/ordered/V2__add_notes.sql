ALTER TABLE things ADD COLUMN notes VARCHAR(100);
UPDATE things SET notes = 'common';
