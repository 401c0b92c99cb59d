CREATE TABLE "schedules" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" integer NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"spec" text NOT NULL,
	"next_fire_at" timestamp with time zone NOT NULL,
	"last_fired_at" timestamp with time zone,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_pace" (
	"key" text PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channel_links" ADD COLUMN "digest_all_clear" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "reminders" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "target_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "partnerships" ADD COLUMN "action_reminders" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "schedules_subject" ON "schedules" USING btree ("kind","subject");--> statement-breakpoint
CREATE INDEX "schedules_due" ON "schedules" USING btree ("enabled","next_fire_at");--> statement-breakpoint
CREATE INDEX "outbox_target" ON "outbox" USING btree ("target_key","status");