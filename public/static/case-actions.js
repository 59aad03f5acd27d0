// What each case action is called and what it asks for, the lists its choices come from, and
// how one is posted. The server checks everything again; these only spare handlers from typing
// codes and usernames from memory.
import { callApi } from './staff-session.js'

const textarea = (name, label, max, hint) => ({ name, label, kind: 'textarea', max, hint })
const choice = (name, label, list) => ({ name, label, kind: 'select', list })
const reason = (label, hint) => textarea('reason', label, 1000, hint)

/** Each action's button label and the fields of its form (none: it is taken at once). */
export const ACTIONS = {
  accept: { label: '受理', fields: [] },
  assign: { label: '派单', fields: [choice('assignee', '承办人', 'assignees')] },
  start: { label: '开始办理', fields: [] },
  resolve: {
    label: '办结答复',
    fields: [
      textarea('reply', '答复居民的办理结果', 4000, '这段答复会发送给居民，并请居民评价办理结果。'),
    ],
  },
  extend: {
    label: '延期',
    fields: [
      { name: 'days', label: '延期工作日数', kind: 'number', min: 1, max: 30, initial: '5' },
      reason('延期原因', '延期和原因会告知居民。'),
    ],
  },
  transfer: {
    label: '转办',
    fields: [
      choice('agency', '转办单位（外单位）', 'agencies'),
      reason('转办原因', '转办单位和原因会告知居民。'),
    ],
  },
  return: { label: '退单', fields: [reason('退单原因')] },
  reroute: {
    label: '改派',
    fields: [choice('department', '改派部门（本局）', 'branches'), reason('改派原因')],
  },
  reject: { label: '不予受理', fields: [reason('不予受理的原因')] },
  escalate: { label: '督办', fields: [textarea('note', '督办意见', 1000)] },
  merge: {
    label: '并案',
    fields: [
      {
        name: 'into',
        label: '并入案件编号',
        kind: 'text',
        max: 40,
        placeholder: '例如 CZ20261128-0007',
      },
    ],
  },
  unmerge: { label: '撤销并案', fields: [reason('撤销并案的原因')] },
  close: { label: '归档', fields: [] },
  reopen: { label: '重新办理', fields: [reason('重新办理的原因')] },
  note: {
    label: '备注',
    fields: [textarea('text', '备注内容', 4000, '备注仅工作人员可见，不会发给居民。')],
  },
}

// one request per list and page: departments rarely change, and a failed load is tried again
const lists = new Map()
function load(path) {
  if (!lists.has(path))
    lists.set(
      path,
      callApi(path).then((r) => {
        if (!r.ok) lists.delete(path)
        return r
      }),
    )
  return lists.get(path)
}

const byName = (a, b) => a[1].localeCompare(b[1], 'zh-Hans-CN')

/**
 * The options of a choice field for this case as [value, text] pairs: the external agencies,
 * the bureau's other departments, or the staff of the case's department who take cases, in
 * the order of their Chinese names.
 * Answers `{ status, message }` when the list could not be loaded.
 */
export async function choicesFor(list, c) {
  if (list === 'assignees') {
    const r = await load(`/api/v1/staff?department=${encodeURIComponent(c.department ?? '')}`)
    if (!r.ok) return r
    return r.body.items
      .filter((s) => s.role === 'handler' || s.role === 'supervisor')
      .map((s) => [
        s.username,
        s.displayName === s.username ? s.username : `${s.displayName}（${s.username}）`,
      ])
      .sort(byName)
  }
  const r = await load('/api/v1/routing-rules')
  if (!r.ok) return r
  const agency = list === 'agencies'
  return r.body.departments
    .filter((d) => (d.kind === 'agency') === agency && d.id !== c.department)
    .map((d) => [d.id, d.name])
    .sort(byName)
}

/** Posts an action at the case's version: `{ ok, status, body, message }` as callApi answers. */
export function postAction(c, action, values = {}) {
  return callApi(`/api/v1/cases/${encodeURIComponent(c.number)}/actions`, 'POST', {
    action,
    version: c.version,
    ...values,
  })
}

/** The case as it is now, as callApi answers: 404 once it has left this staff member's view. */
export function fetchCase(number) {
  return callApi(`/api/v1/cases/${encodeURIComponent(number)}`)
}

export const CONFLICT = '案件已被他人更新，已刷新，请确认后再提交'

/** What to tell a handler whose action met a case that had changed (409). */
export function conflictMessage(fresh, action, serverMessage) {
  if (!fresh) return serverMessage
  if (!fresh.allowedActions.includes(action))
    return `案件已被他人更新，现为「${fresh.statusText}」，已不能${ACTIONS[action]?.label ?? action}。`
  return CONFLICT
}
