-- Custom SQL migration: keeps faq_entry_counts in step with every write to faq_entries, per statement
-- like the vocabulary (0005), so FAQ search reads the size of a partnership's FAQ from one row instead
-- of counting its entries at every search.
CREATE FUNCTION "faq_entry_count_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO faq_entry_counts (partnership_id, entries)
    SELECT partnership_id, count(*) FROM new_rows GROUP BY 1 ORDER BY 1
    ON CONFLICT (partnership_id) DO UPDATE SET entries = faq_entry_counts.entries + excluded.entries;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE faq_entry_counts c SET entries = c.entries - d.n
    FROM (SELECT partnership_id, count(*) AS n FROM old_rows GROUP BY 1) d
    WHERE c.partnership_id = d.partnership_id;
  ELSE
    -- Only an entry moved to another partnership changes a count; an edit leaves them as they were.
    INSERT INTO faq_entry_counts (partnership_id, entries)
    SELECT partnership_id, sum(n) FROM (
      SELECT partnership_id, 1 AS n FROM new_rows UNION ALL SELECT partnership_id, -1 FROM old_rows) d
    GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1
    ON CONFLICT (partnership_id) DO UPDATE SET entries = faq_entry_counts.entries + excluded.entries;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "faq_entry_count_insert" AFTER INSERT ON "faq_entries"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION faq_entry_count_sync();--> statement-breakpoint
CREATE TRIGGER "faq_entry_count_update" AFTER UPDATE ON "faq_entries"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION faq_entry_count_sync();--> statement-breakpoint
CREATE TRIGGER "faq_entry_count_delete" AFTER DELETE ON "faq_entries"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION faq_entry_count_sync();--> statement-breakpoint
-- Entries written before this migration.
INSERT INTO faq_entry_counts (partnership_id, entries)
SELECT partnership_id, count(*) FROM faq_entries GROUP BY 1;
