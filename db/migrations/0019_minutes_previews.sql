CREATE TABLE "minutes_previews" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"meeting_id" integer NOT NULL,
	"meeting_date" text NOT NULL,
	"items" jsonb NOT NULL,
	"unread" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"refs" text[] DEFAULT '{}'::text[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "minutes_previews" ADD CONSTRAINT "minutes_previews_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_previews" ADD CONSTRAINT "minutes_previews_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_previews" ADD CONSTRAINT "minutes_previews_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "minutes_previews_person" ON "minutes_previews" USING btree ("person_id","status");