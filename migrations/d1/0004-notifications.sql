-- 0004-notifications: generated from migrations/0004-notifications.ts by `npm run d1:migrations`; do not edit
create table "notifications" ("id" integer primary key, "conversation_id" text not null references "conversations" ("id"), "case_id" integer references "cases" ("id"), "text" text not null, "options" text, "created_at" text not null);
create index "notifications_conversation" on "notifications" ("conversation_id", "id");
