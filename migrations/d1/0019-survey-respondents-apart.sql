-- 0019-survey-respondents-apart: generated from migrations/0019-survey-respondents-apart.ts by `npm run d1:migrations`; do not edit
create table "public_survey_respondents" ("survey_id" integer not null references "public_surveys" ("id"), "respondent_key" text not null, constraint "public_survey_respondents_pkey" primary key ("survey_id", "respondent_key")) without rowid;
insert into public_survey_respondents (survey_id, respondent_key)
    select survey_id, respondent_key from public_survey_responses
    where respondent_key is not null;
update public_survey_responses
    set respondent_key = null, created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+8 hours', 'start of day', '-8 hours');
