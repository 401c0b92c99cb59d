CREATE TABLE "faq_synonyms" (
	"partnership_id" integer NOT NULL,
	"term" text NOT NULL,
	"alternative" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "faq_synonyms_partnership_id_term_alternative_pk" PRIMARY KEY("partnership_id","term","alternative")
);
--> statement-breakpoint
ALTER TABLE "faq_synonyms" ADD CONSTRAINT "faq_synonyms_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;