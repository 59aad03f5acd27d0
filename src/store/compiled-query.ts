import type { Compilable, CompiledQuery, QueryResult } from 'kysely'
import type { Db } from './schema'

/** Stands in for a parameter while a query is compiled; Kysely passes it through as a value. */
class Placeholder {
  constructor(readonly name: string) {}
}

/**
 * A query Kysely builds and compiles once per database and set of parameter names; each call
 * only puts its values in place. On the chat path, building and compiling cost as much as
 * SQLite running the query. `build` may use the parameters only as values, never in `if`s:
 * at build time each one is a placeholder.
 */
export function compiledOnce<P extends Record<string, unknown>, O>(
  build: (db: Db, params: P) => Compilable<O>,
): (db: Db, params: P) => Promise<QueryResult<O>> {
  // keyed by the dialect's adapter: a database and its transactions share one, dialects do not
  const cache = new WeakMap<object, Map<string, CompiledQuery<O>>>()
  return (db, params) => {
    // like Kysely, leave out undefined values, so an insert uses the column's default
    const names = Object.keys(params).filter((name) => params[name] !== undefined)
    const shape = names.join()
    const adapter = db.getExecutor().adapter
    let compiled = cache.get(adapter)?.get(shape)
    if (!compiled) {
      const placeholders = Object.fromEntries(names.map((name) => [name, new Placeholder(name)]))
      compiled = build(db, placeholders as P).compile()
      if (!cache.has(adapter)) cache.set(adapter, new Map())
      cache.get(adapter)!.set(shape, compiled)
    }
    const parameters = compiled.parameters.map((value) =>
      value instanceof Placeholder ? params[value.name] : value,
    )
    return db.executeQuery({ ...compiled, parameters })
  }
}
