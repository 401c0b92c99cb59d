CREATE TABLE "faq_unhelpful" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" integer NOT NULL,
	"entry_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"enquiry_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enquiry_drafts" ADD COLUMN "answered_entry_id" integer;--> statement-breakpoint
ALTER TABLE "faq_entries" ADD COLUMN "owner_id" integer;--> statement-breakpoint
ALTER TABLE "faq_entries" ADD COLUMN "review_due_on" date DEFAULT (current_date + interval '6 months')::date NOT NULL;--> statement-breakpoint
ALTER TABLE "faq_entries" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "faq_unhelpful" ADD CONSTRAINT "faq_unhelpful_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_unhelpful" ADD CONSTRAINT "faq_unhelpful_entry_id_faq_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."faq_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_unhelpful" ADD CONSTRAINT "faq_unhelpful_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_unhelpful" ADD CONSTRAINT "faq_unhelpful_enquiry_id_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."enquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "faq_unhelpful_entry" ON "faq_unhelpful" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "faq_unhelpful_at" ON "faq_unhelpful" USING btree ("partnership_id","created_at");--> statement-breakpoint
ALTER TABLE "enquiry_drafts" ADD CONSTRAINT "enquiry_drafts_answered_entry_id_faq_entries_id_fk" FOREIGN KEY ("answered_entry_id") REFERENCES "public"."faq_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_entries" ADD CONSTRAINT "faq_entries_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "faq_entries_review_due" ON "faq_entries" USING btree ("partnership_id","review_due_on");