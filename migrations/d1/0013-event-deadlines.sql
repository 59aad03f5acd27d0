-- 0013-event-deadlines: generated from migrations/0013-event-deadlines.ts by `npm run d1:migrations`; do not edit
alter table "case_events" add column "due_at" text;
