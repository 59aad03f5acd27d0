-- 0017-public-survey-tallies: generated from migrations/0017-public-survey-tallies.ts by `npm run d1:migrations`; do not edit
create table "public_survey_tallies" ("survey_id" integer not null references "public_surveys" ("id"), "question_id" text not null, "answer" text not null, "count" integer not null, constraint "public_survey_tallies_pkey" primary key ("survey_id", "question_id", "answer"));
insert into public_survey_tallies (survey_id, question_id, answer, count)
    select r.survey_id, j.key, j.value, count(*) from public_survey_responses r, json_each(r.answers) j
    group by r.survey_id, j.key, j.value
    union all
    select survey_id, '', '', count(*) from public_survey_responses group by survey_id;
