-- 0016-channel-inbox: generated from migrations/0016-channel-inbox.ts by `npm run d1:migrations`; do not edit
create table "channel_inbox" ("channel" text not null, "channel_message_id" text not null, "channel_user_id" text not null, "body" text not null, "received_at" text not null, "state" text not null, "attempts" integer default 0 not null, "claimed_until" text, "last_error" text, "updated_at" text not null, constraint "channel_inbox_pkey" primary key ("channel", "channel_message_id"));
create index "channel_inbox_pending" on "channel_inbox" ("state", "received_at");
