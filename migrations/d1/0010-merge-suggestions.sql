-- 0010-merge-suggestions: generated from migrations/0010-merge-suggestions.ts by `npm run d1:migrations`; do not edit
alter table "cases" add column "place_key" text;
create index "cases_department_category_created" on "cases" ("department_id", "category", "created_at");
create table "merge_suggestions" ("id" integer primary key, "case_id" integer not null references "cases" ("id"), "primary_id" integer not null references "cases" ("id"), "reason" text not null, "distance_m" integer, "status" text not null, "created_at" text not null, "decided_at" text, "decided_by" text);
create index "merge_suggestions_case" on "merge_suggestions" ("case_id");
create index "merge_suggestions_primary" on "merge_suggestions" ("primary_id");
