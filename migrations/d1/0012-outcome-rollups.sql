-- 0012-outcome-rollups: generated from migrations/0012-outcome-rollups.ts by `npm run d1:migrations`; do not edit
drop table "survey_rollups";
create table "survey_rollups" ("month" text not null, "district" text not null, "rating" text not null, "count" integer not null, constraint "survey_rollups_key" primary key ("month", "district", "rating"));
create table "case_timing_rollups" ("month" text not null, "district" text not null, "stage" text not null, "bucket" integer not null, "on_time" integer not null, "count" integer not null, constraint "case_timing_rollups_key" primary key ("month", "district", "stage", "bucket", "on_time"));
create table "place_rollups" ("year" text not null, "district" text not null, "place" text not null, "count" integer not null, constraint "place_rollups_key" primary key ("year", "district", "place"));
create index "place_rollups_top" on "place_rollups" ("year", "count");
insert into survey_rollups (month, district, rating, count)
    select substr(c.filed_day, 1, 7), coalesce(c.district, ''), s.rating, count(*)
    from case_surveys s join cases c on c.id = s.case_id
    group by substr(c.filed_day, 1, 7), coalesce(c.district, ''), s.rating;
insert into place_rollups (year, district, place, count)
    select substr(filed_day, 1, 4), coalesce(district, ''), trim(address), count(*)
    from cases where address is not null and trim(address) <> ''
    group by substr(filed_day, 1, 4), coalesce(district, ''), trim(address);
insert into case_timing_rollups (month, district, stage, bucket, on_time, count)
      select month, district, 'accept', case when ms < 3600000 then 0 when ms < 7200000 then 1 when ms < 14400000 then 2 when ms < 28800000 then 3 when ms < 43200000 then 4 when ms < 86400000 then 5 when ms < 172800000 then 6 when ms < 259200000 then 7 when ms < 432000000 then 8 when ms < 604800000 then 9 when ms < 864000000 then 10 when ms < 1209600000 then 11 when ms < 1814400000 then 12 when ms < 2592000000 then 13 else 14 end, on_time, count(*) from (
        select substr(c.filed_day, 1, 7) as month, coalesce(c.district, '') as district, cast(round((julianday(e.at) - julianday(c.created_at)) * 86400000) as integer) as ms,
          case when c.accept_due_at is null or e.at <= c.accept_due_at then 1 else 0 end as on_time
        from cases c join (
          select case_id, min(created_at) as at from case_events where action = 'accept' group by case_id
        ) e on e.case_id = c.id
      ) t group by month, district, case when ms < 3600000 then 0 when ms < 7200000 then 1 when ms < 14400000 then 2 when ms < 28800000 then 3 when ms < 43200000 then 4 when ms < 86400000 then 5 when ms < 172800000 then 6 when ms < 259200000 then 7 when ms < 432000000 then 8 when ms < 604800000 then 9 when ms < 864000000 then 10 when ms < 1209600000 then 11 when ms < 1814400000 then 12 when ms < 2592000000 then 13 else 14 end, on_time;
insert into case_timing_rollups (month, district, stage, bucket, on_time, count)
      select month, district, 'resolve', case when ms < 3600000 then 0 when ms < 7200000 then 1 when ms < 14400000 then 2 when ms < 28800000 then 3 when ms < 43200000 then 4 when ms < 86400000 then 5 when ms < 172800000 then 6 when ms < 259200000 then 7 when ms < 432000000 then 8 when ms < 604800000 then 9 when ms < 864000000 then 10 when ms < 1209600000 then 11 when ms < 1814400000 then 12 when ms < 2592000000 then 13 else 14 end, on_time, count(*) from (
        select substr(c.filed_day, 1, 7) as month, coalesce(c.district, '') as district, cast(round((julianday(e.at) - julianday(c.created_at)) * 86400000) as integer) as ms,
          case when c.resolve_due_at is null or e.at <= c.resolve_due_at then 1 else 0 end as on_time
        from cases c join (
          select case_id, min(created_at) as at from case_events where action = 'resolve' group by case_id
        ) e on e.case_id = c.id
      ) t group by month, district, case when ms < 3600000 then 0 when ms < 7200000 then 1 when ms < 14400000 then 2 when ms < 28800000 then 3 when ms < 43200000 then 4 when ms < 86400000 then 5 when ms < 172800000 then 6 when ms < 259200000 then 7 when ms < 432000000 then 8 when ms < 604800000 then 9 when ms < 864000000 then 10 when ms < 1209600000 then 11 when ms < 1814400000 then 12 when ms < 2592000000 then 13 else 14 end, on_time;
