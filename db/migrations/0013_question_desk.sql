CREATE TABLE "enquiry_drafts" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"partnership_id" integer NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faq_provisional_phrasings" (
	"id" serial PRIMARY KEY NOT NULL,
	"entry_id" integer NOT NULL,
	"text" text NOT NULL,
	"key" text NOT NULL,
	"person_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faq_synonyms" (
	"partnership_id" integer NOT NULL,
	"term" text NOT NULL,
	"alternative" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "faq_synonyms_partnership_id_term_alternative_pk" PRIMARY KEY("partnership_id","term","alternative")
);
--> statement-breakpoint
ALTER TABLE "faq_entries" ADD COLUMN "phrasing_of" integer;--> statement-breakpoint
ALTER TABLE "enquiry_drafts" ADD CONSTRAINT "enquiry_drafts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiry_drafts" ADD CONSTRAINT "enquiry_drafts_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_provisional_phrasings" ADD CONSTRAINT "faq_provisional_phrasings_entry_id_faq_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."faq_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_provisional_phrasings" ADD CONSTRAINT "faq_provisional_phrasings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_synonyms" ADD CONSTRAINT "faq_synonyms_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "faq_provisional_phrasings_key" ON "faq_provisional_phrasings" USING btree ("entry_id","key");--> statement-breakpoint
ALTER TABLE "faq_entries" ADD CONSTRAINT "faq_entries_phrasing_of_faq_entries_id_fk" FOREIGN KEY ("phrasing_of") REFERENCES "public"."faq_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "faq_entries_phrasing_of" ON "faq_entries" USING btree ("phrasing_of");