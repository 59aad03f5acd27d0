import type { Generated, Insertable, Kysely, Selectable, Updateable } from 'kysely'

/** 0 or 1: booleans are stored as integers so every dialect reads them alike. */
export type Flag = 0 | 1

export interface DepartmentTable {
  id: string
  name: string
  /** bureau: the city bureau; branch: a district branch; agency: an outside agency cases are referred to */
  kind: 'bureau' | 'branch' | 'agency'
  district: string | null
  phone: string | null
  created_at: string
}

export interface RoutingRuleTable {
  id: Generated<number>
  priority: number
  category: string
  subcategory: string | null
  district: string | null
  /** JSON array of words; the rule applies when any occurs in the description */
  keywords: string | null
  department_id: string
  action: 'route' | 'transfer'
  accept_working_days: number
  resolve_working_days: number
  urgent_hours: number
  note: string | null
  /** bumped by every edit, so two admins editing at once cannot overwrite each other */
  version: Generated<number>
  created_at: string
  updated_at: string
}

/** Every edit of a routing rule: who, when, the rule before and after (JSON). */
export interface RoutingRuleChangeTable {
  id: Generated<number>
  rule_id: number
  actor: string
  change: 'create' | 'update' | 'delete'
  before: string | null
  after: string | null
  created_at: string
}

/** Holidays and make-up workdays an admin loaded for a year chinese-days does not cover. */
export interface CalendarDayTable {
  /** YYYY-MM-DD */
  day: string
  year: number
  kind: 'holiday' | 'workday'
  name: string | null
  created_by: string
  created_at: string
}

export interface ConversationTable {
  id: string
  channel: string
  channel_user_id: string
  token_hash: string | null
  language: string
  /** JSON of the intake conversation state */
  state: string
  created_at: string
  updated_at: string
}

export interface MessageTable {
  id: Generated<number>
  conversation_id: string
  channel: string
  channel_message_id: string | null
  direction: 'in' | 'out'
  kind: 'text' | 'location' | 'image' | 'event'
  text: string | null
  payload: string | null
  classification: string | null
  /** JSON of the reply given to an inbound message, so a retried delivery gets the same answer */
  response: string | null
  case_id: number | null
  created_at: string
}

export interface CaseTable {
  id: Generated<number>
  number: string
  status: string
  version: number
  category: string
  subcategory: string
  district: string | null
  description: string
  address: string | null
  lat: number | null
  lng: number | null
  occurred: string | null
  classification: string | null
  reporter_channel: string
  reporter_user_id: string | null
  conversation_id: string | null
  reporter_phone: string | null
  anonymous: Flag
  department_id: string | null
  assignee: string | null
  urgent: Flag
  overdue: Flag
  escalated: Flag
  accept_due_at: string | null
  resolve_due_at: string | null
  public_note: string | null
  /** JSON array of photo URLs the resident sent */
  photos: string | null
  merged_into_id: number | null
  /** the normalised name of the place, for duplicate detection (domain/cases/duplicates.ts) */
  place_key: string | null
  /** YYYY-MM-DD of filing in Asia/Shanghai */
  filed_day: string
  created_at: string
  updated_at: string
  closed_at: string | null
}

export interface CaseCounterTable {
  day: string
  seq: number
}

export interface CaseEventTable {
  id: Generated<number>
  case_id: number
  actor: string
  action: string
  from_status: string | null
  to_status: string | null
  note: string | null
  public: Flag
  created_at: string
  /** on accept and resolve events: the deadline in force then, which on-time rates judge by */
  due_at: string | null
}

export interface NotificationTable {
  id: Generated<number>
  conversation_id: string
  case_id: number | null
  text: string
  /** JSON array of quick replies */
  options: string | null
  created_at: string
}

export interface WechatAccessTokenTable {
  app_id: string
  access_token: string | null
  expires_at: string | null
  /** the instance refreshing the token now, and until when its claim holds */
  refreshing_by: string | null
  refreshing_until: string | null
  updated_at: string
}

export interface NotificationDeliveryTable {
  notification_id: number
  /** the conversation's channel, which says how to send: wechat-oa, wechaty */
  channel: string
  /** the channel's id of the resident (an openid, a contact id) */
  recipient: string
  state: 'pending' | 'delivered' | 'undeliverable' | 'failed'
  attempts: Generated<number>
  next_attempt_at: string
  /** an instance sending it holds the row until then; a crashed one's claim lapses */
  claimed_until: string | null
  /** how it went out: custom (customer-service message) or template */
  sent_as: string | null
  last_error: string | null
  updated_at: string
}

export interface ChannelInboxTable {
  channel: string
  channel_message_id: string
  channel_user_id: string
  /** the parsed message (an Inbound) as JSON */
  body: string
  received_at: string
  state: 'pending' | 'done' | 'failed'
  attempts: Generated<number>
  /** an instance recovering it holds the row until then; a crashed one's claim lapses */
  claimed_until: string | null
  last_error: string | null
  updated_at: string
}

export interface StaffTable {
  id: Generated<number>
  username: string
  display_name: string
  role: 'handler' | 'supervisor' | 'admin' | 'analyst'
  department_id: string | null
  password_hash: string
  disabled: Flag
  created_at: string
}

export interface StaffSessionTable {
  token_hash: string
  staff_id: number
  created_at: string
  expires_at: string
}

export interface CaseSurveyTable {
  id: Generated<number>
  case_id: number
  /** the resolution rated: 1 for the first, 2 after a reopening and a second resolution, … */
  round: number
  rating: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'not_rated'
  comment: string | null
  channel: string
  answered_at: string
}

export interface CaseRollupTable {
  /** YYYY-MM of the Shanghai filing day */
  month: string
  category: string
  subcategory: string
  /** '' when the district is unknown */
  district: string
  count: number
}

export interface SurveyRollupTable {
  /** YYYY-MM of the rated case's Shanghai filing day */
  month: string
  district: string
  rating: string
  count: number
}

export interface MergeSuggestionTable {
  id: Generated<number>
  /** the later complaint, suggested to join */
  case_id: number
  primary_id: number
  reason: 'nearby' | 'same_place'
  distance_m: number | null
  status: 'open' | 'merged' | 'dismissed'
  created_at: string
  decided_at: string | null
  decided_by: string | null
}

export interface CaseTimingRollupTable {
  /** YYYY-MM of the Shanghai filing day */
  month: string
  district: string
  /** the first acceptance or the first resolution */
  stage: 'accept' | 'resolve'
  /** hours since filing, bucketed as in src/domain/trends/durations.ts */
  bucket: number
  /** 1 when it came by the deadline (or the case had none) */
  on_time: Flag
  count: number
}

export interface PlaceRollupTable {
  /** YYYY of the Shanghai filing day */
  year: string
  district: string
  /** the trimmed address the complaint named */
  place: string
  count: number
}

export interface PublicSurveyTable {
  id: Generated<number>
  slug: string
  title: string
  /** JSON: [{id, text, type: 'rating' | 'choice', options?}] */
  questions: string
  status: 'draft' | 'published' | 'closed'
  created_by: string
  created_at: string
  published_at: string | null
  /** its short name in the WeChat menu; null: the title, shortened */
  menu_label: string | null
}

/** Per AppID, the custom menu last pushed to WeChat and how the latest push went. */
export interface WechatMenuTable {
  app_id: string
  /** JSON of the menu WeChat accepted last; null before the first push */
  pushed_menu: string | null
  pushed_at: string | null
  last_attempt_at: string | null
  last_error: string | null
  failures: Generated<number>
  /** after a failure, no automatic push before this time */
  next_attempt_at: string
  lease_owner: string | null
  lease_until: string | null
}

export interface PublicSurveyResponseTable {
  id: Generated<number>
  survey_id: number
  /** no longer written (migration 0019): who answered is kept apart, in public_survey_respondents */
  respondent_key: string | null
  /** JSON: {[questionId]: value} */
  answers: string
  /** the start of the Shanghai day the answer came in: no finer, so it cannot be matched to a visit */
  created_at: string
}

/** Who has answered a survey, one row each, with no time and no link to the answer. */
export interface PublicSurveyRespondentTable {
  survey_id: number
  /** SHA-256 of the survey and the respondent id (a browser's random id or a follower's HMAC) */
  respondent_key: string
}

/** How many responses gave each answer; question_id '' counts the survey's responses. */
export interface PublicSurveyTallyTable {
  survey_id: number
  question_id: string
  answer: string
  count: number
}

export interface Database {
  departments: DepartmentTable
  routing_rules: RoutingRuleTable
  conversations: ConversationTable
  messages: MessageTable
  cases: CaseTable
  case_counters: CaseCounterTable
  case_events: CaseEventTable
  notifications: NotificationTable
  notification_deliveries: NotificationDeliveryTable
  wechat_access_tokens: WechatAccessTokenTable
  staff: StaffTable
  staff_sessions: StaffSessionTable
  case_surveys: CaseSurveyTable
  case_rollups: CaseRollupTable
  survey_rollups: SurveyRollupTable
  merge_suggestions: MergeSuggestionTable
  case_timing_rollups: CaseTimingRollupTable
  place_rollups: PlaceRollupTable
  routing_rule_changes: RoutingRuleChangeTable
  calendar_days: CalendarDayTable
  public_surveys: PublicSurveyTable
  public_survey_responses: PublicSurveyResponseTable
  public_survey_tallies: PublicSurveyTallyTable
  public_survey_respondents: PublicSurveyRespondentTable
  wechat_menus: WechatMenuTable
  channel_inbox: ChannelInboxTable
}

export type Department = Selectable<DepartmentTable>
export type RoutingRule = Selectable<RoutingRuleTable>
export type NewRoutingRule = Insertable<RoutingRuleTable>
export type Conversation = Selectable<ConversationTable>
export type Message = Selectable<MessageTable>
export type NewMessage = Insertable<MessageTable>
export type CaseRow = Selectable<CaseTable>
export type NewCase = Insertable<CaseTable>
export type CaseUpdate = Updateable<CaseTable>
export type CaseEvent = Selectable<CaseEventTable>
export type Notification = Selectable<NotificationTable>
export type NotificationDelivery = Selectable<NotificationDeliveryTable>
export type Staff = Selectable<StaffTable>
export type NewCaseEvent = Insertable<CaseEventTable>
export type PublicSurvey = Selectable<PublicSurveyTable>
export type WechatMenuRow = Selectable<WechatMenuTable>

/** A database handle or an open transaction: repositories take either as their first argument. */
export type Db = Kysely<Database>
