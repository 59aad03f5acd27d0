-- 0018-survey-rounds: generated from migrations/0018-survey-rounds.ts by `npm run d1:migrations`; do not edit
create table "case_surveys_next" ("id" integer primary key, "case_id" integer not null references "cases" ("id"), "round" integer not null, "rating" text not null, "comment" text, "channel" text not null, "answered_at" text not null, constraint "case_surveys_case_round" unique ("case_id", "round"));
insert into case_surveys_next (id, case_id, round, rating, comment, channel, answered_at)
    select id, case_id, coalesce(nullif((select count(*) from case_events e
    where e.case_id = case_surveys.case_id and e.action = 'resolve'
      and e.created_at <= case_surveys.answered_at), 0), 1), rating, comment, channel, answered_at from case_surveys;
drop table "case_surveys";
alter table "case_surveys_next" rename to "case_surveys";
