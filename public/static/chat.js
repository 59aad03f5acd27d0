// The resident chat page: keeps the session token in localStorage so a reload resumes the talk.
const list = document.getElementById('messages')
const form = document.getElementById('composer')
const input = document.getElementById('text')
const KEY = 'cz-chat-session'

const CASE_NUMBER = /([A-Z]{1,6}\d{8}-\d{4,})/

function show(text, who) {
  const li = document.createElement('li')
  li.className = who
  // case numbers never break across lines, so they can be read and copied whole
  for (const part of text.split(CASE_NUMBER)) {
    if (CASE_NUMBER.test(part)) {
      const span = document.createElement('span')
      span.className = 'case-number'
      span.textContent = part
      li.appendChild(span)
    } else {
      li.appendChild(document.createTextNode(part))
    }
  }
  list.appendChild(li)
  li.scrollIntoView({ block: 'end' })
}

async function session() {
  const saved = localStorage.getItem(KEY)
  if (saved) return JSON.parse(saved)
  const res = await fetch('/api/v1/chat/sessions', { method: 'POST' })
  const created = await res.json()
  localStorage.setItem(KEY, JSON.stringify(created))
  return created
}

async function send(body) {
  const { token } = await session()
  const res = await fetch('/api/v1/chat/messages', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ ...body, clientMessageId: crypto.randomUUID() }),
  })
  if (res.status === 401) {
    localStorage.removeItem(KEY)
    return send(body)
  }
  const data = await res.json()
  if (!res.ok) return show(data.error?.message ?? '发送失败,请稍后再试', 'error')
  for (const reply of data.replies) show(reply.text, 'bot')
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const text = input.value.trim()
  if (!text) return
  show(text, 'me')
  input.value = ''
  send({ text }).catch(() => show('网络异常,请检查网络后重试', 'error'))
})

input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault()
    form.requestSubmit()
  }
})

show('您好,这里是常州市生态环境局投诉平台。请描述您遇到的问题和大概位置。', 'bot')
