CREATE TABLE "shared_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"body" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "meeting_date" date;--> statement-breakpoint
ALTER TABLE "shared_files" ADD CONSTRAINT "shared_files_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shared_files_token" ON "shared_files" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "shared_files_expiry" ON "shared_files" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "actions_meeting" ON "actions" USING btree ("meeting_id","meeting_date");