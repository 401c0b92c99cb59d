-- Custom SQL migration: triggers bump directory_version (and notify instances listening on
-- quorum_directory) when what the directory cache holds changes: a partnership's settings, an
-- installation's partnership, a person, an identity's person, a channel link. Inserts are left out on
-- purpose (the cache keeps only rows it found, which an insert cannot make wrong) except an identity's,
-- as the cache also remembers that an identity is unknown; left out too are the
-- per-event writes (a partnership's A-/Q- counters, an identity's last_used_at or conversation_ref).
INSERT INTO "directory_version" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "directory_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "directory_version" SET "version" = "version" + 1 WHERE "id" = 1;
  PERFORM pg_notify('quorum_directory', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "partnerships_directory_update" AFTER UPDATE ON "partnerships" FOR EACH ROW
  WHEN ((OLD."slug", OLD."name", OLD."time_zone", OLD."reply_target_days", OLD."action_reminders", OLD."access", OLD."closure_days")
    IS DISTINCT FROM (NEW."slug", NEW."name", NEW."time_zone", NEW."reply_target_days", NEW."action_reminders", NEW."access", NEW."closure_days"))
  EXECUTE FUNCTION "directory_changed"();
--> statement-breakpoint
CREATE TRIGGER "partnerships_directory_delete" AFTER DELETE OR TRUNCATE ON "partnerships" FOR EACH STATEMENT EXECUTE FUNCTION "directory_changed"();
--> statement-breakpoint
CREATE TRIGGER "installations_directory_update" AFTER UPDATE ON "installations" FOR EACH ROW
  WHEN ((OLD."partnership_id", OLD."platform", OLD."tenant") IS DISTINCT FROM (NEW."partnership_id", NEW."platform", NEW."tenant"))
  EXECUTE FUNCTION "directory_changed"();
--> statement-breakpoint
CREATE TRIGGER "installations_directory_delete" AFTER DELETE OR TRUNCATE ON "installations" FOR EACH STATEMENT EXECUTE FUNCTION "directory_changed"();
--> statement-breakpoint
CREATE TRIGGER "people_directory_update" AFTER UPDATE ON "people" FOR EACH ROW
  WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION "directory_changed"();
--> statement-breakpoint
CREATE TRIGGER "people_directory_delete" AFTER DELETE OR TRUNCATE ON "people" FOR EACH STATEMENT EXECUTE FUNCTION "directory_changed"();
--> statement-breakpoint
CREATE TRIGGER "identities_directory_update" AFTER UPDATE ON "identities" FOR EACH ROW
  WHEN ((OLD."person_id", OLD."platform", OLD."tenant", OLD."external_id") IS DISTINCT FROM (NEW."person_id", NEW."platform", NEW."tenant", NEW."external_id"))
  EXECUTE FUNCTION "directory_changed"();
--> statement-breakpoint
CREATE TRIGGER "identities_directory_insert" AFTER INSERT ON "identities" FOR EACH ROW EXECUTE FUNCTION "directory_changed"();
--> statement-breakpoint
CREATE TRIGGER "identities_directory_delete" AFTER DELETE OR TRUNCATE ON "identities" FOR EACH STATEMENT EXECUTE FUNCTION "directory_changed"();
--> statement-breakpoint
CREATE TRIGGER "channel_links_directory_update" AFTER UPDATE ON "channel_links" FOR EACH ROW
  WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION "directory_changed"();
--> statement-breakpoint
CREATE TRIGGER "channel_links_directory_delete" AFTER DELETE OR TRUNCATE ON "channel_links" FOR EACH STATEMENT EXECUTE FUNCTION "directory_changed"();
