import type { Config } from '../config'
import type { MenuSync } from '../jobs/sync-wechat-menu'
import type { Logger } from '../logger'
import type { Store } from '../store/open-database'
import type { PhotoStore } from '../store/photos-on-disk'
import type { ReferenceCache } from '../store/reference-cache'
import type { Conversation, Staff } from '../store/schema'

/** What the app is built from: passed in once, so tests and entries choose their own. */
export interface Deps {
  store: Store
  reference: ReferenceCache
  /** where photos go; absent where the runtime has no storage for them */
  photos?: PhotoStore
  config: Config
  /** the Official Account's menu; absent: built from the configuration when it names an account */
  wechatMenu?: MenuSync
  logger: Logger
  now: () => Date
}

/** The one Hono environment type: variables set by middleware. */
export interface AppEnv {
  Variables: {
    requestId: string
    /** the web chat session a bearer token belongs to */
    session: Pick<Conversation, 'id' | 'channel_user_id'>
    /** the signed-in staff member */
    staff: Staff
  }
}
