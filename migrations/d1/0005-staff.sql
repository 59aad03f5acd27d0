-- 0005-staff: generated from migrations/0005-staff.ts by `npm run d1:migrations`; do not edit
create table "staff" ("id" integer primary key, "username" text not null unique, "display_name" text not null, "role" text not null, "department_id" text references "departments" ("id"), "password_hash" text not null, "disabled" integer not null, "created_at" text not null);
create table "staff_sessions" ("token_hash" text primary key, "staff_id" integer not null references "staff" ("id"), "created_at" text not null, "expires_at" text not null);
