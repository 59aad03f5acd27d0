-- 0011-routing-audit-and-calendar: generated from migrations/0011-routing-audit-and-calendar.ts by `npm run d1:migrations`; do not edit
alter table "routing_rules" add column "version" integer default 1 not null;
create table "routing_rule_changes" ("id" integer primary key, "rule_id" integer not null, "actor" text not null, "change" text not null, "before" text, "after" text, "created_at" text not null);
create index "routing_rule_changes_rule" on "routing_rule_changes" ("rule_id", "id");
create table "calendar_days" ("day" text primary key, "year" integer not null, "kind" text not null, "name" text, "created_by" text not null, "created_at" text not null);
create index "calendar_days_year" on "calendar_days" ("year");
select "id" from "routing_rules" where "created_at" = '2026-11-28T00:00:00.000Z';
insert into "routing_rules" ("priority", "category", "subcategory", "district", "keywords", "department_id", "action", "accept_working_days", "resolve_working_days", "urgent_hours", "note", "created_at", "updated_at") values (45, 'radiation', null, null, null, 'cz-bureau', 'route', 1, 15, 2, '电磁及核辐射由市局辐射安全管理处办理,需监测站现场监测', '2026-11-28T00:00:00.000Z', '2026-11-28T00:00:00.000Z');
