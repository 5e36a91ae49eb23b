-- Clock-ins and signatures never change, but the API gives every row an ETag from its version.
ALTER TABLE time_clock_entries ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE signatures ADD COLUMN version integer NOT NULL DEFAULT 1;
