import type { Migration } from 'kysely'
import * as m0001 from './0001-core'
import * as m0002 from './0002-seed-reference-data'
import * as m0003 from './0003-case-photos'
import * as m0004 from './0004-notifications'
import * as m0005 from './0005-staff'
import * as m0006 from './0006-surveys'
import * as m0007 from './0007-rollups'
import * as m0008 from './0008-wechat-outbound'
import * as m0010 from './0010-merge-suggestions'
import * as m0011 from './0011-routing-audit-and-calendar'
import * as m0012 from './0012-outcome-rollups'
import * as m0013 from './0013-event-deadlines'
import * as m0014 from './0014-public-surveys'
import * as m0015 from './0015-wechat-menu'
import * as m0016 from './0016-channel-inbox'
import * as m0017 from './0017-public-survey-tallies'
import * as m0018 from './0018-survey-rounds'
import * as m0019 from './0019-survey-respondents-apart'

/** Every migration, in order. Registered in code so they run alike under Node, vitest and Workers. */
export const migrations: Record<string, Migration> = {
  '0001-core': m0001,
  '0002-seed-reference-data': m0002,
  '0003-case-photos': m0003,
  '0004-notifications': m0004,
  '0005-staff': m0005,
  '0006-surveys': m0006,
  '0007-rollups': m0007,
  '0008-wechat-outbound': m0008,
  '0010-merge-suggestions': m0010,
  '0011-routing-audit-and-calendar': m0011,
  '0012-outcome-rollups': m0012,
  '0013-event-deadlines': m0013,
  '0014-public-surveys': m0014,
  '0015-wechat-menu': m0015,
  '0016-channel-inbox': m0016,
  '0017-public-survey-tallies': m0017,
  '0018-survey-rounds': m0018,
  '0019-survey-respondents-apart': m0019,
}
