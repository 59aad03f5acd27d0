-- 0003-case-photos: generated from migrations/0003-case-photos.ts by `npm run d1:migrations`; do not edit
alter table "cases" add column "photos" text;
