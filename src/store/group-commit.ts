import { CompiledQuery, type Kysely } from 'kysely'
import type { Database, Db } from './schema'

/** Runs a unit of work in a transaction; resolves once its changes are committed. */
export type WriteRunner = <T>(work: (trx: Db) => Promise<T>) => Promise<T>

/** One transaction per unit of work: right for PostgreSQL, where many run side by side. */
export function transactionPerCall(db: Kysely<Database>): WriteRunner {
  return (work) => db.transaction().execute(work)
}

// fixed statements: Kysely's savepoint() builds a new ControlledTransaction for every unit
const SAVEPOINT = CompiledQuery.raw('savepoint unit')
const RELEASE = CompiledQuery.raw('release unit')
const ROLLBACK_TO = CompiledQuery.raw('rollback to unit')

interface Pending {
  work: (trx: Db) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Group commit for SQLite, which has one writer and pays most of a write at COMMIT: units of
 * work that arrive while a batch is being written queue up and go into the next transaction
 * together, each inside its own savepoint, so one failing unit rolls back only itself. Each
 * caller hears back only after the commit that holds its changes.
 */
export function groupCommit(db: Kysely<Database>, maxBatch = 64): WriteRunner {
  const queue: Pending[] = []
  let draining = false

  async function writeBatch(batch: Pending[]): Promise<void> {
    let trx
    try {
      trx = await db.startTransaction().execute()
    } catch (error) {
      // the write lock could not be had (another process held it past busy_timeout): this
      // batch fails, its callers hear so, and the server goes on
      for (const unit of batch) unit.reject(error)
      return
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = []
    try {
      for (const unit of batch) {
        await trx.executeQuery(SAVEPOINT)
        try {
          outcomes.push({ ok: true, value: await unit.work(trx) })
          await trx.executeQuery(RELEASE)
        } catch (error) {
          await trx.executeQuery(ROLLBACK_TO)
          await trx.executeQuery(RELEASE)
          outcomes.push({ ok: false, error })
        }
      }
      await trx.commit().execute()
    } catch (error) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined)
      for (const unit of batch) unit.reject(error)
      return
    }
    batch.forEach((unit, i) => {
      const outcome = outcomes[i]!
      if (outcome.ok) unit.resolve(outcome.value)
      else unit.reject(outcome.error)
    })
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) await writeBatch(queue.splice(0, maxBatch))
    } catch (error) {
      // writeBatch answers its own callers; anything left is a bug, never a reason to crash
      for (const unit of queue.splice(0)) unit.reject(error)
    } finally {
      draining = false
    }
  }

  return <T>(work: (trx: Db) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (v: unknown) => void, reject })
      if (draining) return
      draining = true
      // wait out this turn of the event loop: the requests read in it join the same batch
      setImmediate(() => void drain())
    })
}
