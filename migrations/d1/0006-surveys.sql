-- 0006-surveys: generated from migrations/0006-surveys.ts by `npm run d1:migrations`; do not edit
create table "case_surveys" ("id" integer primary key, "case_id" integer not null unique references "cases" ("id"), "rating" text not null, "comment" text, "channel" text not null, "answered_at" text not null);
