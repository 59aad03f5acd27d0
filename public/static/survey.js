// The public survey page: sends the checked answers; the server keeps one answer per browser.
;(() => {
  const form = document.getElementById('survey')
  const status = document.getElementById('survey-status')
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const answers = {}
    for (const input of form.querySelectorAll('input[type=radio]:checked'))
      answers[input.name] = input.value
    if (Object.keys(answers).length === 0) {
      status.textContent = '请至少回答一道题'
      return
    }
    const button = form.querySelector('button[type=submit]')
    button.disabled = true
    status.textContent = '正在提交…'
    try {
      const res = await fetch(
        `/api/v1/public-surveys/${encodeURIComponent(form.dataset.slug)}/responses`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify({ answers }),
        },
      )
      const body = await res.json().catch(() => ({}))
      if (res.ok) {
        for (const fieldset of form.querySelectorAll('fieldset')) fieldset.disabled = true
        button.hidden = true
        status.textContent = '感谢您的参与'
        return
      }
      status.textContent = body?.error?.message ?? '提交失败，请稍后再试'
      button.disabled = res.status === 409
    } catch {
      status.textContent = '网络不通，请稍后再试'
      button.disabled = false
    }
  })
})()
