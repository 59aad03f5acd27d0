-- 0008-wechat-outbound: generated from migrations/0008-wechat-outbound.ts by `npm run d1:migrations`; do not edit
create table "wechat_access_tokens" ("app_id" text primary key, "access_token" text, "expires_at" text, "refreshing_by" text, "refreshing_until" text, "updated_at" text not null);
create table "notification_deliveries" ("notification_id" integer primary key references "notifications" ("id"), "channel" text not null, "recipient" text not null, "state" text not null, "attempts" integer default 0 not null, "next_attempt_at" text not null, "claimed_until" text, "sent_as" text, "last_error" text, "updated_at" text not null);
create index "notification_deliveries_due" on "notification_deliveries" ("state", "next_attempt_at");
