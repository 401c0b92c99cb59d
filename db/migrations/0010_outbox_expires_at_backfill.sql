-- Hand-written: rows queued before expires_at existed keep the expiry the worker gave them then. It
-- parked these kinds (the scheduler's posts and `digest now`) 6 hours after they were queued; every
-- other kind (notifications, replies) never expired and stays null. Only rows still to be delivered
-- matter: a parked or unknown row requeued by an operator has its expiry cleared anyway.
UPDATE "outbox" SET "expires_at" = "created_at" + interval '6 hours'
WHERE "expires_at" IS NULL
  AND "status" IN ('pending', 'sending')
  AND "kind" IN ('digest', 'papers', 'day-before', 'action-due', 'action-overdue');
