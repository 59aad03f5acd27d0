import type { Kysely } from 'kysely'
import { idType } from './dialect'

// Routing rules become editable by admins: each carries a version for optimistic updates and
// every change is kept with who made it and the rule before and after. The working-day
// calendar gains the schedules admins load for years chinese-days does not cover.
//
// The seeded table is brought closer to Changzhou's practice:
// - deadlines: SPEC §4's defaults (accept within 1 working day, resolve within 7); radiation
//   is handled by the city bureau (辐射安全 is licensed and inspected at city level in Jiangsu)
//   and needs a measurement by the monitoring station, so it gets 15 working days — a local
//   choice, noted as such;
// - 2022 Noise Pollution Prevention Law (噪声污染防治法, in force 2022-06-05): social-life noise
//   (art. 59–70, e.g. square dancing, shops, renovation) → public security; traffic noise
//   (art. 45–58) → transport authorities with public security for horns and modified exhausts;
//   construction noise stays with the ecology bureau in Changzhou's division of duties, with
//   night-time work (22:00–06:00, art. 43) urgent;
// - catering fumes: Air Pollution Prevention Law art. 81 and Jiangsu's assignment of catering
//   fumes to urban management (城市管理综合执法), as seeded in 0002;
// - matters outside the environment go to the 12345 hotline, as seeded in 0002.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('routing_rules')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createTable('routing_rule_changes')
    .addColumn('id', idType(db), (c) => c.primaryKey())
    .addColumn('rule_id', 'integer', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('routing_rule_changes_rule')
    .on('routing_rule_changes')
    .columns(['rule_id', 'id'])
    .execute()

  await db.schema
    .createTable('calendar_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('calendar_days_year').on('calendar_days').columns(['year']).execute()

  const now = new Date('2026-11-28T00:00:00Z').toISOString()
  const seeded = await db
    .selectFrom('routing_rules')
    .select('id')
    .where('created_at', '=', now)
    .executeTakeFirst()
  if (!seeded) return
  await db
    .insertInto('routing_rules')
    .values({
      priority: 45,
      category: 'radiation',
      subcategory: null,
      district: null,
      keywords: null,
      department_id: 'cz-bureau',
      action: 'route',
      accept_working_days: 1,
      resolve_working_days: 15,
      urgent_hours: 2,
      note: '电磁及核辐射由市局辐射安全管理处办理,需监测站现场监测',
      created_at: now,
      updated_at: now,
    })
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('routing_rules').where('priority', '=', 45).execute()
  await db.schema.dropTable('calendar_days').execute()
  await db.schema.dropTable('routing_rule_changes').execute()
  await db.schema.alterTable('routing_rules').dropColumn('version').execute()
}
