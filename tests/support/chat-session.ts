/** What a chat session needs of the app: Hono's app.request, or a fetch against a running server. */
export interface Requester {
  request(path: string, init?: RequestInit): Response | Promise<Response>
}

/** A chat API answer as tests read it (freely: a missing field fails the test's own expect). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ChatReply = any

/** Starts a web chat session and returns a function that posts messages in it. */
export async function chatSession(app: Requester) {
  const res = await app.request('/api/v1/chat/sessions', { method: 'POST' })
  const { token, sessionId } = (await res.json()) as { token: string; sessionId: string }
  const send = (body: unknown, headers: Record<string, string> = {}) =>
    app.request('/api/v1/chat/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  /** Sends a complaint and answers the service's questions (when, confirmation) until it files. */
  const complain = async (text: string): Promise<ChatReply> => {
    let body = (await (await send({ text })).json()) as ChatReply
    for (let i = 0; i < 4 && !body.case; i++) {
      const options: string[] = body.replies?.at(-1)?.options ?? []
      const answer = ['确认提交', '正在发生'].find((o) => options.includes(o))
      if (!answer) break
      body = (await (await send({ text: answer })).json()) as ChatReply
    }
    return body
  }
  return { token, sessionId, send, complain }
}
