ALTER TABLE "identity_links" ADD COLUMN "offer_hash" text;--> statement-breakpoint
ALTER TABLE "identity_links" ADD COLUMN "offer_by_id" integer;--> statement-breakpoint
ALTER TABLE "identity_links" ADD COLUMN "offer_for_id" integer;--> statement-breakpoint
ALTER TABLE "identity_links" ADD CONSTRAINT "identity_links_offer_by_id_people_id_fk" FOREIGN KEY ("offer_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_links" ADD CONSTRAINT "identity_links_offer_for_id_people_id_fk" FOREIGN KEY ("offer_for_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;