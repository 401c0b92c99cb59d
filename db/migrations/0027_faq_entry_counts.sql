CREATE TABLE "faq_entry_counts" (
	"partnership_id" integer PRIMARY KEY NOT NULL,
	"entries" integer NOT NULL
);
