CREATE TABLE "slack_installations" (
	"team_id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text,
	"team_name" text,
	"app_id" text,
	"bot_id" text,
	"bot_user_id" text,
	"scopes" text DEFAULT '' NOT NULL,
	"key_id" text NOT NULL,
	"bot_token" text NOT NULL,
	"refresh_token" text,
	"expires_at" integer,
	"installer_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"tenant" text NOT NULL,
	"name" text,
	"partnership_id" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "installations" ADD COLUMN "default_organisation_id" integer;--> statement-breakpoint
ALTER TABLE "workspace_requests" ADD CONSTRAINT "workspace_requests_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_requests_platform_tenant" ON "workspace_requests" USING btree ("platform","tenant");