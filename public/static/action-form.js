// The form of a case action that needs details, in a modal <dialog>: labelled fields, choices
// loaded from the API, a refusal shown inside it with everything typed kept, a case changed by
// someone else brought up to date, and the text kept as a draft across a lapsed session.
import { draftOf, keepDraft } from './action-drafts.js'
import { ACTIONS, choicesFor, conflictMessage, fetchCase, postAction } from './case-actions.js'
import { el } from './dom.js'

// one dialog for every form, outside the case view, so that redrawing the case keeps it open
let dialog = null
function theDialog() {
  if (!dialog) {
    dialog = el('dialog', { className: 'action-dialog' })
    dialog.setAttribute('aria-labelledby', 'action-title')
    document.body.append(dialog)
  }
  return dialog
}

/** The line a handler is shown once the action went through. */
const DONE = {
  transfer: (form) => `已转办至 ${chosen(form, 'agency')}`,
  reroute: (form) => `已改派至 ${chosen(form, 'department')}`,
  assign: (form) => `已派单给 ${chosen(form, 'assignee')}`,
  extend: (form) => `已延期 ${form.elements.days.value} 个工作日`,
}
const chosen = (form, name) => form.elements[name].selectedOptions[0]?.textContent ?? ''

/** One labelled field; a textarea shows how much of its limit is used. */
function fieldOf(f, value, options) {
  const id = `action-${f.name}`
  const notes = []
  let input
  if (f.kind === 'select') {
    const failed = !Array.isArray(options)
    input = el(
      'select',
      { id, name: f.name, disabled: failed },
      el('option', {
        value: '',
        textContent: failed ? '无法载入' : options.length ? '请选择' : '没有可选的项',
      }),
      ...(failed ? [] : options.map(([v, t]) => el('option', { value: v, textContent: t }))),
    )
    if (failed) notes.push(el('small', { className: 'error-text', textContent: options.message }))
  } else if (f.kind === 'textarea') {
    input = el('textarea', { id, name: f.name, maxLength: f.max, rows: f.max > 1000 ? 8 : 3 })
  } else if (f.kind === 'number') {
    input = el('input', { id, name: f.name, type: 'number', min: f.min, max: f.max, step: 1 })
  } else {
    input = el('input', { id, name: f.name, maxLength: f.max, placeholder: f.placeholder ?? '' })
  }
  input.value = value ?? f.initial ?? ''
  if (f.hint) notes.push(el('small', { className: 'hint', textContent: f.hint }))
  if (f.kind === 'textarea') {
    const count = el('small', { className: 'counter' })
    const update = () => {
      count.textContent = `已输入 ${input.value.length} / ${f.max} 字`
      count.classList.toggle('near', input.value.length >= f.max * 0.9)
    }
    input.addEventListener('input', update)
    update()
    notes.push(count)
  }
  notes.forEach((n, i) => (n.id = `${id}-note${i}`))
  if (notes.length) input.setAttribute('aria-describedby', notes.map((n) => n.id).join(' '))
  return el(
    'div',
    { className: 'field' },
    el('label', { htmlFor: id, textContent: f.label }),
    input,
    ...notes,
  )
}

/** What is missing or out of range, as a sentence, and the field to go back to. */
function problemOf(fields, values) {
  for (const f of fields) {
    const v = values[f.name].trim()
    if (!v) return [f.name, `请${f.kind === 'select' ? '选择' : '填写'}${f.label}。`]
    if (f.kind === 'number' && !(Number.isInteger(Number(v)) && v >= f.min && v <= f.max))
      return [f.name, `${f.label}须为 ${f.min} 至 ${f.max} 之间的整数。`]
  }
  return null
}

/**
 * Opens the form of `action` on case `c` for `user` (a username). `on.refreshed(fresh)`: a 409
 * brought the case up to date; `on.done(number, line)`: it went through; `on.signedOut()`: the
 * session lapsed, the draft is kept to be offered again after signing in.
 */
export async function openActionForm(c, action, user, on, opener = null) {
  const { label, fields } = ACTIONS[action]
  const lists = await Promise.all(fields.map((f) => (f.list ? choicesFor(f.list, c) : null)))
  if (lists.some((l) => l?.status === 401)) return on.signedOut()
  let current = c
  const draft = draftOf(user, c.number, action)
  const message = el('p', { className: 'form-message', role: 'alert' })
  const show = (text, kind = 'error') => {
    message.textContent = text
    message.className = `form-message ${kind}`
  }
  const submit = el('button', { type: 'submit', textContent: '提交' })
  const allowed = () => (submit.disabled = !current.allowedActions.includes(action))
  const form = el(
    'form',
    { className: 'action-form', noValidate: true },
    el('h2', { id: 'action-title', textContent: `${label} · ${c.number}` }),
    ...fields.map((f, i) => fieldOf(f, draft?.values?.[f.name], lists[i])),
    message,
    el(
      'div',
      { className: 'buttons' },
      submit,
      el('button', {
        type: 'button',
        className: 'secondary',
        textContent: '取消',
        onclick: () => dialog.close(),
      }),
    ),
  )
  const values = () => Object.fromEntries(fields.map((f) => [f.name, form.elements[f.name].value]))
  const keep = (interrupted = false) =>
    keepDraft(user, c.number, action, { version: current.version, values: values(), interrupted })
  form.addEventListener('input', () => keep())
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit()
  })
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const typed = values()
    const problem = problemOf(fields, typed)
    if (problem) {
      show(problem[1])
      form.elements[problem[0]].focus()
      return
    }
    submit.disabled = true
    submit.textContent = '提交中…'
    if (typed.days !== undefined) typed.days = Number(typed.days)
    const r = await postAction(current, action, typed)
    submit.disabled = false
    submit.textContent = '提交'
    if (r.ok) {
      keepDraft(user, c.number, action, null)
      const line = DONE[action]?.(form) ?? `已${label}`
      dialog.close()
      return on.done(c.number, line)
    }
    if (r.status === 401) {
      keep(true)
      dialog.close()
      return on.signedOut()
    }
    if (r.status === 409) {
      const fresh = await fetchCase(c.number)
      if (fresh.ok) {
        current = fresh.body
        on.refreshed(current)
        keep()
        allowed()
      }
      return show(conflictMessage(fresh.ok ? current : null, action, r.message))
    }
    show(r.message)
  })

  if (draft?.interrupted) {
    const same = draft.version === c.version && c.allowedActions.includes(action)
    if (same) show('已恢复登录前填写的内容，请确认后提交。', 'info')
    else show(conflictMessage(c, action, ''))
    keep()
  } else if (draft) show('已恢复上次未提交的内容。', 'info')
  allowed()
  const d = theDialog()
  if (d.open) d.close()
  d.replaceChildren(form)
  d.onclose = () => opener?.isConnected && opener.focus()
  d.showModal()
  form.elements[fields[0].name].focus()
}
