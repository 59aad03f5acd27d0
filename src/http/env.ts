import type { Config } from '../config'
import type { Logger } from '../logger'
import type { Store } from '../store/open-database'
import type { Conversation } from '../store/schema'

/** What the app is built from: passed in once, so tests and entries choose their own. */
export interface Deps {
  store: Store
  config: Config
  logger: Logger
  now: () => Date
}

/** The one Hono environment type: variables set by middleware. */
export interface AppEnv {
  Variables: {
    requestId: string
    conversation: Conversation
  }
}
