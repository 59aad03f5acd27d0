// What a handler typed into an action's form, kept in this tab's sessionStorage until the action
// goes through: closing the form, a refusal or a lapsed session never loses a long reply. Keyed
// by who typed it, so another person signing in at the same desk is not offered it.
const KEY = 'cz-console-drafts'

function all() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') ?? {}
  } catch {
    return {}
  }
}
const keyOf = (user, number, action) => `${user}|${number}|${action}`

/** The draft of this action on this case: `{ version, values, interrupted }`, or undefined. */
export function draftOf(user, number, action) {
  return all()[keyOf(user, number, action)]
}

/** Keeps a draft (null forgets it). `interrupted`: the session lapsed as it was sent. */
export function keepDraft(user, number, action, draft) {
  const drafts = all()
  if (draft) drafts[keyOf(user, number, action)] = draft
  else delete drafts[keyOf(user, number, action)]
  try {
    sessionStorage.setItem(KEY, JSON.stringify(drafts))
  } catch {
    // storage full or off: the form still holds the text while it is open
  }
}

/** The action whose sending a lapsed session interrupted on this case, to offer it again. */
export function interruptedAction(user, number) {
  const prefix = keyOf(user, number, '')
  const hit = Object.entries(all()).find(([k, d]) => k.startsWith(prefix) && d.interrupted)
  return hit ? hit[0].slice(prefix.length) : null
}
