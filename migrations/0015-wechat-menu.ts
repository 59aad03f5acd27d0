import type { Kysely } from 'kysely'

// The Official Account's custom menu (issue 7: a published survey is a menu entry). The menu is
// built from data; `wechat_menus` keeps, per AppID, what was last pushed to WeChat, so an instance
// pushes only when the menu it would build differs, with a lease so that one instance pushes.
// `public_surveys.menu_label`: the survey's short name in the menu (WeChat shows 8 characters).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('public_surveys').addColumn('menu_label', 'text').execute()
  await db.schema
    .createTable('wechat_menus')
    .addColumn('app_id', 'text', (c) => c.primaryKey())
    .addColumn('pushed_menu', 'text')
    .addColumn('pushed_at', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wechat_menus').execute()
  await db.schema.alterTable('public_surveys').dropColumn('menu_label').execute()
}
