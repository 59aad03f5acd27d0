// The survey builder (admins): a title, then questions — a rating (满意 / 基本满意 / 不满意) or a
// choice of 2–10 options — added, removed and reordered in place. Hints never block saving: the
// server decides, its message is shown, and nothing typed is lost when it refuses.
import { el } from './dom.js'
import { callApi } from './staff-session.js'

const MAX_OPTIONS = 10
const KIND = { rating: '评分题（满意 / 基本满意 / 不满意）', choice: '选择题(2–10 个选项)' }

/** Wires the builder form; `onSaved(survey)` runs after the server has stored a draft. */
export function surveyBuilder(form, onSaved) {
  const list = form.querySelector('#questions')
  const error = form.querySelector('#builder-error')
  const status = form.querySelector('#builder-status')
  const save = form.querySelector('button[type=submit]')

  const small = (text, label, onclick, extra = '') =>
    el('button', {
      type: 'button',
      className: `small secondary ${extra}`,
      textContent: text,
      title: label,
      onclick: () => {
        onclick()
        renumber()
      },
    })

  function optionRow(li) {
    const row = el('li', { className: 'option' }, el('input', { maxLength: 50 }))
    row.append(small('删除', '删除这个选项', () => row.remove()))
    li.querySelector('.option-list').append(row)
  }

  function addQuestion(type) {
    const li = el(
      'li',
      { className: 'question' },
      el(
        'div',
        { className: 'question-head' },
        el('strong', { className: 'question-title' }),
        small('上移', '上移这道题', () => li.previousElementSibling?.before(li), 'up'),
        small('下移', '下移这道题', () => li.nextElementSibling?.after(li), 'down'),
        small('删除', '删除这道题', () => li.remove(), 'remove'),
      ),
      el('input', { className: 'question-text', required: true, maxLength: 200, size: 50 }),
    )
    li.dataset.type = type
    if (type === 'choice') {
      li.append(
        el('ol', { className: 'option-list' }),
        small('添加选项', '最多 10 个选项', () => optionRow(li), 'add-option'),
      )
      optionRow(li)
      optionRow(li)
    }
    li.append(el('p', { className: 'hint question-hint' }))
    list.append(li)
    renumber()
    li.querySelector('.question-text').focus()
  }

  /** Numbers and labels follow the order; hints say what the server will refuse. */
  function renumber() {
    const items = [...list.children]
    items.forEach((li, i) => {
      const n = i + 1
      li.querySelector('.question-title').textContent = `第${n}题 · ${KIND[li.dataset.type]}`
      li.querySelector('.question-text').setAttribute('aria-label', `第${n}题 题目`)
      li.querySelector('.question-text').placeholder = '题目，例如「您对本区空气质量是否满意？」'
      li.querySelectorAll('.option input').forEach((input, j) => {
        input.setAttribute('aria-label', `第${n}题 选项${j + 1}`)
      })
      li.querySelector('.up').disabled = i === 0
      li.querySelector('.down').disabled = i === items.length - 1
      const addOption = li.querySelector('.add-option')
      if (addOption) addOption.disabled = li.querySelectorAll('.option').length >= MAX_OPTIONS
      hint(li)
    })
    form.querySelector('#no-questions').hidden = items.length > 0
  }

  function hint(li) {
    if (li.dataset.type !== 'choice') return
    const options = optionsOf(li)
    const repeated = options.filter((o, i) => options.indexOf(o) !== i)
    li.querySelector('.question-hint').textContent = [
      options.length < 2 && `已填 ${options.length} 个选项，至少需要 2 个`,
      repeated.length > 0 && `选项重复：${[...new Set(repeated)].join('、')}`,
      '空白的选项不会保存',
    ]
      .filter(Boolean)
      .join(';')
  }

  /** WeChat counts a Chinese character as two, a letter or digit as one; 16 fit a sub-button. */
  function menuLabelHint() {
    let width = 0
    for (const ch of form.elements.menuLabel.value.trim()) width += ch.codePointAt(0) < 0x80 ? 1 : 2
    const hintText = form.querySelector('#menu-label-hint')
    hintText.classList.toggle('error-text', width > 16)
    hintText.textContent =
      width > 16 ? `菜单名称太长：已占 ${width} 个字母宽，最多 16(8 个汉字)` : hintText.dataset.text
  }

  const optionsOf = (li) =>
    [...li.querySelectorAll('.option input')].map((i) => i.value.trim()).filter(Boolean)

  function survey() {
    const questions = [...list.children].map((li, i) => ({
      id: `q${i + 1}`,
      type: li.dataset.type,
      text: li.querySelector('.question-text').value,
      ...(li.dataset.type === 'choice' ? { options: optionsOf(li) } : {}),
    }))
    const menuLabel = form.elements.menuLabel.value.trim()
    return { title: form.elements.title.value, ...(menuLabel ? { menuLabel } : {}), questions }
  }

  list.addEventListener('input', (event) => hint(event.target.closest('.question')))
  form.elements.menuLabel.addEventListener('input', menuLabelHint)
  // Enter in a field would save a half-written survey; saving is the button's job
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target.tagName === 'INPUT') event.preventDefault()
  })
  form.querySelector('#add-rating').addEventListener('click', () => addQuestion('rating'))
  form.querySelector('#add-choice').addEventListener('click', () => addQuestion('choice'))
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    error.textContent = ''
    status.textContent = '正在保存…'
    save.disabled = true
    let res
    try {
      res = await callApi('/api/v1/public-surveys', 'POST', survey())
    } catch {
      res = { ok: false, message: '网络不通，问卷没有保存，请稍后再试' }
    }
    save.disabled = false
    status.textContent = ''
    if (!res.ok) {
      error.textContent = res.message
      return
    }
    form.reset()
    list.replaceChildren()
    renumber()
    menuLabelHint()
    status.textContent = `「${res.body.title}」已保存为草稿，发布后居民即可填写`
    onSaved(res.body)
  })
  form.querySelector('#menu-label-hint').dataset.text =
    form.querySelector('#menu-label-hint').textContent
  renumber()
}
