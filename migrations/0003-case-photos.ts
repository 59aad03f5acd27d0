import type { Kysely } from 'kysely'

// Photos a resident sent with a complaint: a JSON array of image URLs, shown to handlers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('photos', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('photos').execute()
}
