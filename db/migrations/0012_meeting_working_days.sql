ALTER TABLE "meetings" ALTER COLUMN "papers_days_before" SET DEFAULT 5;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "adjust" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "moves" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "partnerships" ADD COLUMN "closure_days" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- papers_days_before was calendar days and is now working days: 7 calendar days is 5 working days.
UPDATE "meetings" SET "papers_days_before" = round("papers_days_before" * 5 / 7.0);
