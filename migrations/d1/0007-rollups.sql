-- 0007-rollups: generated from migrations/0007-rollups.ts by `npm run d1:migrations`; do not edit
create table "case_rollups" ("month" text not null, "category" text not null, "subcategory" text not null, "district" text not null, "count" integer not null, constraint "case_rollups_key" primary key ("month", "category", "subcategory", "district"));
create table "survey_rollups" ("month" text not null, "rating" text not null, "count" integer not null, constraint "survey_rollups_key" primary key ("month", "rating"));
