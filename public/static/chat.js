// The resident chat page. The session token lives in localStorage, so a reload shows the
// conversation again; quick replies are buttons; location comes from the browser or is typed.
const list = document.getElementById('messages')
const form = document.getElementById('composer')
const input = document.getElementById('text')
const locate = document.getElementById('locate')
const photo = document.getElementById('photo')
const myCases = document.getElementById('my-cases')
const casesPanel = document.getElementById('cases-panel')
const KEY = 'cz-chat-session'
const CASE_NUMBER = /([A-Z]{1,6}\d{8}-\d{4,})/

function show(text, who, options) {
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
  if (options && options.length > 0) {
    const group = document.createElement('div')
    group.className = 'options'
    group.setAttribute('role', 'group')
    group.setAttribute('aria-label', '快捷回复')
    for (const option of options) {
      const button = document.createElement('button')
      button.type = 'button'
      button.textContent = option
      button.addEventListener('click', () => {
        group.querySelectorAll('button').forEach((b) => (b.disabled = true))
        say(option)
      })
      group.appendChild(button)
    }
    li.appendChild(group)
  }
  list.appendChild(li)
  li.scrollIntoView({ block: 'end' })
}

async function session() {
  const saved = localStorage.getItem(KEY)
  if (saved) return JSON.parse(saved)
  const res = await fetch('/api/v1/chat/sessions', { method: 'POST' })
  if (!res.ok) throw new Error('session')
  const created = await res.json()
  localStorage.setItem(KEY, JSON.stringify(created))
  return created
}

async function api(path, init = {}) {
  const { token } = await session()
  const res = await fetch(path, {
    ...init,
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
      ...init.headers,
    },
  })
  if (res.status === 401) {
    // the session is gone (e.g. the database was reset): start a new one once
    localStorage.removeItem(KEY)
    if (!init.retried) return api(path, { ...init, retried: true })
  }
  return res
}

// A message keeps its id through every retry, so a filing whose answer was lost on the way is
// answered again from the server's record instead of being taken as a new message.
const RETRY_DELAYS = [1000, 3000]
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** True when trying the same message again may succeed: the network, the server, or a wait. */
async function worthRetrying(res) {
  if (res.status >= 500 || res.status === 429) return true
  if (res.status !== 409) return false
  const data = await res
    .clone()
    .json()
    .catch(() => null)
  return data?.error?.code === 'MESSAGE_IN_PROGRESS'
}

async function post(payload) {
  for (let attempt = 0; ; attempt++) {
    const res = await api('/api/v1/chat/messages', { method: 'POST', body: payload }).catch(
      () => null,
    )
    if (res && !(await worthRetrying(res))) return res
    if (attempt >= RETRY_DELAYS.length) return res
    await sleep(RETRY_DELAYS[attempt])
  }
}

async function deliver(payload) {
  const res = await post(payload)
  const failed = !res || (await worthRetrying(res))
  const data = res ? await res.json().catch(() => ({})) : {}
  if (failed) return showRetry(payload, data.error?.message)
  if (!res.ok) return show(data.error?.message ?? '发送失败，请稍后再试', 'error')
  for (const reply of data.replies) show(reply.text, 'bot', reply.options)
  if (data.case && !casesPanel.hidden) loadCases()
}

/** The error line after the last retry, with 「重试」 sending the very same message again. */
function showRetry(payload, reason) {
  show(reason ?? '网络异常，消息可能没有送达。请检查网络后点「重试」。', 'error')
  const li = list.lastElementChild
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'retry'
  button.textContent = '重试'
  button.addEventListener('click', () => {
    li.remove()
    deliver(payload)
  })
  li.append(document.createElement('br'), button)
}

function send(body) {
  return deliver(JSON.stringify({ ...body, clientMessageId: crypto.randomUUID() }))
}

function say(text) {
  show(text, 'me')
  send({ text })
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const text = input.value.trim()
  if (!text) return
  input.value = ''
  say(text)
})

input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault()
    form.requestSubmit()
  }
})

locate.addEventListener('click', () => {
  if (!navigator.geolocation) {
    show('您的浏览器不能提供定位，请直接输入区、街道或路名。', 'bot')
    input.focus()
    return
  }
  navigator.geolocation.getCurrentPosition(
    (pos) => {
      const { latitude: lat, longitude: lng } = pos.coords
      show(`[我的位置] ${lat.toFixed(5)}， ${lng.toFixed(5)}`, 'me')
      // no place name: the service labels it by its coordinates and asks for the street
      send({ location: { lat, lng } })
    },
    () => {
      show('没能取得定位。请直接输入地点，例如「武进区湖塘镇某某小区」。', 'bot')
      input.focus()
    },
    { timeout: 10000 },
  )
})

const MAX_PHOTO = 10 * 1024 * 1024

function showPhoto(url) {
  const li = document.createElement('li')
  li.className = 'me'
  const img = document.createElement('img')
  img.src = url
  img.alt = '我发送的照片'
  img.className = 'thumb'
  li.appendChild(img)
  list.appendChild(li)
  li.scrollIntoView({ block: 'end' })
}

photo.addEventListener('change', async () => {
  const file = photo.files[0]
  photo.value = ''
  if (!file) return
  if (file.size > MAX_PHOTO) return show('照片不能超过 10 MB，请换一张或压缩后再发。', 'error')
  const res = await api('/api/v1/photos', {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
  }).catch(() => null)
  if (!res) return show('网络异常，照片没有发出，请检查网络后重新选择照片。', 'error')
  const data = await res.json()
  if (!res.ok) return show(data.error?.message ?? '照片上传失败，请稍后再试', 'error')
  showPhoto(data.imageUrl)
  await send({ imageUrl: new URL(data.imageUrl, location.href).href })
})

async function loadCases() {
  casesPanel.textContent = '正在加载…'
  const res = await api('/api/v1/my/cases')
  const data = await res.json()
  casesPanel.textContent = ''
  if (!res.ok || data.items.length === 0) {
    casesPanel.textContent = res.ok ? '您还没有投诉记录。' : '加载失败，请稍后再试。'
    return
  }
  const ul = document.createElement('ul')
  for (const c of data.items) {
    const li = document.createElement('li')
    const number = document.createElement('span')
    number.className = 'case-number'
    number.textContent = c.number
    const status = document.createElement('span')
    status.className = `status status-${c.status}`
    status.textContent = c.statusText
    li.append(
      number,
      ' ',
      status,
      document.createElement('br'),
      c.latestUpdate ?? c.description.slice(0, 40),
    )
    ul.appendChild(li)
  }
  casesPanel.appendChild(ul)
}

myCases.addEventListener('click', () => {
  const open = casesPanel.hidden
  casesPanel.hidden = !open
  myCases.setAttribute('aria-expanded', String(open))
  if (open) loadCases().catch(() => (casesPanel.textContent = '加载失败，请稍后再试。'))
})

// Later messages (accepted, resolved, the survey) arrive as server-sent events; EventSource
// reconnects by itself and resumes after the last event it saw.
let events = null
async function listen(lastEventId) {
  if (events) return
  const { token } = await session()
  // 0 too: without it the server starts from its newest message, and a notice sent before the
  // stream's first reconnect would never show
  const query = new URLSearchParams({ token, lastEventId: String(lastEventId ?? 0) })
  events = new EventSource(`/api/v1/chat/events?${query}`)
  events.addEventListener('message', (event) => {
    const data = JSON.parse(event.data)
    show(data.text, 'bot', data.options)
    if (!casesPanel.hidden) loadCases()
  })
}

async function start() {
  let lastEventId = 0
  if (localStorage.getItem(KEY)) {
    const res = await api('/api/v1/chat/messages')
    if (res.ok) {
      const history = await res.json()
      for (const m of history.items) {
        if (m.imageUrl) showPhoto(m.imageUrl)
        else show(m.text, m.from === 'resident' ? 'me' : 'bot', m.options)
      }
      lastEventId = history.lastEventId
    }
  }
  if (list.children.length === 0) show(WELCOME, 'bot')
  await listen(lastEventId)
}

const WELCOME = '您好，这里是常州市生态环境局投诉平台。请描述您遇到的问题和大概位置。'
start().catch(() => list.children.length === 0 && show(WELCOME, 'bot'))
