ALTER TABLE "faq_entries" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce("question", '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce("answer", '')), 'B')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "enquiries_assignee" ON "enquiries" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "enquiries_asker" ON "enquiries" USING btree ("asker_id","status");--> statement-breakpoint
CREATE INDEX "faq_entries_search" ON "faq_entries" USING gin ("search");--> statement-breakpoint
CREATE INDEX "faq_entries_question_trgm" ON "faq_entries" USING gin ("question" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "faq_entries_topic" ON "faq_entries" USING btree ("topic_id");