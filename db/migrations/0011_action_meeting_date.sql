ALTER TABLE "actions" ADD COLUMN "meeting_date" date;--> statement-breakpoint
CREATE INDEX "actions_meeting" ON "actions" USING btree ("meeting_id","meeting_date");