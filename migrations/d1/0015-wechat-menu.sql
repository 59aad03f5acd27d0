-- 0015-wechat-menu: generated from migrations/0015-wechat-menu.ts by `npm run d1:migrations`; do not edit
alter table "public_surveys" add column "menu_label" text;
create table "wechat_menus" ("app_id" text primary key, "pushed_menu" text, "pushed_at" text, "last_attempt_at" text, "last_error" text, "failures" integer default 0 not null, "next_attempt_at" text not null, "lease_owner" text, "lease_until" text);
