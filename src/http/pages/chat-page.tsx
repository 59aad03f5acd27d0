import { Layout } from './layout'

/** The resident's chat page; public/static/chat.js talks to the chat API. */
export function ChatPage() {
  return (
    <Layout title="常州市生态环境局 · 环境投诉">
      <header class="bar">
        <div>
          <h1>常州市生态环境局 · 环境问题投诉</h1>
          <p>噪声、异味、烟尘、污水、垃圾倾倒，在这里直接告诉我们</p>
        </div>
        <button
          id="my-cases"
          type="button"
          class="link"
          aria-expanded="false"
          aria-controls="cases-panel"
        >
          我的投诉
        </button>
      </header>
      <section id="cases-panel" class="cases" hidden aria-label="我的投诉"></section>
      <main class="chat">
        <ol id="messages" class="messages" aria-live="polite" aria-label="对话记录"></ol>
        <form id="composer" class="composer">
          <button
            id="locate"
            type="button"
            class="secondary"
            aria-label="发送我的位置"
            title="发送我的位置"
          >
            定位
          </button>
          <label class="secondary photo" title="发送照片">
            照片
            <input
              id="photo"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              class="visually-hidden"
            />
          </label>
          <label for="text" class="visually-hidden">
            输入您要反映的问题
          </label>
          <textarea
            id="text"
            name="text"
            rows={2}
            maxlength={2000}
            required
            placeholder="例如：武进区湖塘镇某工地每天夜里打桩，吵得睡不着"
          ></textarea>
          <button type="submit">发送</button>
        </form>
      </main>
      <script src="/static/chat.js" defer></script>
    </Layout>
  )
}
