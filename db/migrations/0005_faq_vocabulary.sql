CREATE TABLE "faq_lexemes" (
	"partnership_id" integer NOT NULL,
	"lexeme" text NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "faq_lexemes_partnership_id_lexeme_pk" PRIMARY KEY("partnership_id","lexeme")
);
--> statement-breakpoint
CREATE TABLE "faq_question_words" (
	"partnership_id" integer NOT NULL,
	"word" text NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "faq_question_words_word_partnership_id_pk" PRIMARY KEY("word","partnership_id")
);
--> statement-breakpoint
DROP INDEX "faq_entries_search";--> statement-breakpoint
DROP INDEX "faq_entries_question_trgm";--> statement-breakpoint
CREATE INDEX "faq_question_words_trgm" ON "faq_question_words" USING gin ("word" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "faq_entries_question_search" ON "faq_entries" USING gin (to_tsvector('english'::regconfig, "question")) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "faq_entries_search" ON "faq_entries" USING gin ("search") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "faq_entries_question_trgm" ON "faq_entries" USING gin ("question" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model triggers): keeps the vocabulary in step with every
-- write to faq_entries, per statement so a bulk import costs one aggregate, not one upsert per row.
-- Numbers are left out of the question words: they are not spellings, and reference numbers would
-- add a word per entry for the spelling look-up to read.
CREATE FUNCTION "faq_vocabulary_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE faq_lexemes v SET entries = v.entries - d.n
    FROM (SELECT o.partnership_id, x AS lexeme, count(*) AS n
          FROM old_rows o, unnest(tsvector_to_array(o.search)) x GROUP BY 1, 2) d
    WHERE v.partnership_id = d.partnership_id AND v.lexeme = d.lexeme;
    UPDATE faq_question_words v SET entries = v.entries - d.n
    FROM (SELECT o.partnership_id, x AS word, count(*) AS n
          FROM old_rows o, unnest(tsvector_to_array(to_tsvector('simple', o.question))) x
          WHERE x !~ '^[0-9]+$' GROUP BY 1, 2) d
    WHERE v.partnership_id = d.partnership_id AND v.word = d.word;
    DELETE FROM faq_lexemes WHERE entries <= 0;
    DELETE FROM faq_question_words WHERE entries <= 0;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    -- Sorted so concurrent imports take the vocabulary's row locks in the same order.
    INSERT INTO faq_lexemes (partnership_id, lexeme, entries)
    SELECT n.partnership_id, x, count(*)
    FROM new_rows n, unnest(tsvector_to_array(n.search)) x GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (partnership_id, lexeme) DO UPDATE SET entries = faq_lexemes.entries + excluded.entries;
    INSERT INTO faq_question_words (partnership_id, word, entries)
    SELECT n.partnership_id, x, count(*)
    FROM new_rows n, unnest(tsvector_to_array(to_tsvector('simple', n.question))) x
    WHERE x !~ '^[0-9]+$' GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (partnership_id, word) DO UPDATE SET entries = faq_question_words.entries + excluded.entries;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "faq_vocabulary_insert" AFTER INSERT ON "faq_entries"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION faq_vocabulary_sync();--> statement-breakpoint
CREATE TRIGGER "faq_vocabulary_update" AFTER UPDATE ON "faq_entries"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION faq_vocabulary_sync();--> statement-breakpoint
CREATE TRIGGER "faq_vocabulary_delete" AFTER DELETE ON "faq_entries"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION faq_vocabulary_sync();--> statement-breakpoint
-- Entries written before this migration.
INSERT INTO faq_lexemes (partnership_id, lexeme, entries)
SELECT f.partnership_id, x, count(*) FROM faq_entries f, unnest(tsvector_to_array(f.search)) x GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO faq_question_words (partnership_id, word, entries)
SELECT f.partnership_id, x, count(*)
FROM faq_entries f, unnest(tsvector_to_array(to_tsvector('simple', f.question))) x
WHERE x !~ '^[0-9]+$' GROUP BY 1, 2;
