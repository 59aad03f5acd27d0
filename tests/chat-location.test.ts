import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dialects, migratedStore, type TestStore } from './support/stores'
import { chatSession, testApp } from './support/test-app'

// A browser's GPS fix in Wujin, as the chat page sends it: coordinates and no place name.
const GPS = { lat: 31.70123, lng: 119.95456 }

describe('a web chat location that has coordinates only', () => {
  let store: TestStore
  let app: ReturnType<typeof testApp>['app']
  beforeEach(async () => {
    store = await migratedStore(dialects[0]!.open)
    app = testApp(store).app
  })
  afterEach(async () => store.cleanup())

  it('is shown by its coordinates, and the resident is asked for the street so the district branch gets the case', async () => {
    const { send } = await chatSession(app)
    await send({ text: '工地每天半夜打桩，吵得睡不着' })
    const located = await (await send({ location: GPS })).json()
    const texts = located.replies.map((r: { text: string }) => r.text).join('\n')
    expect(texts).toMatch(/街道/)
    expect(texts).toMatch(/地点：手机定位（31\.70123，119\.95456）/)
    await send({ text: '武进区湖塘镇' })
    const filed = await (await send({ text: '确认提交' })).json()
    expect(filed.replies[0].text).toContain('常州市武进生态环境局')
    const row = await store.db
      .selectFrom('cases')
      .select(['district', 'lat', 'lng'])
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ district: '武进区', ...GPS })
  })

  it('asks nothing more when the place was already named', async () => {
    const { send } = await chatSession(app)
    await send({ text: '钟楼区南大街工地每天半夜打桩' })
    const located = await (await send({ location: GPS })).json()
    expect(located.replies).toHaveLength(1)
    expect(located.replies[0].text).toMatch(/请确认投诉内容/)
  })

  it('sent before the description, asks for the street along with it', async () => {
    const { send } = await chatSession(app)
    const located = await (await send({ location: GPS })).json()
    expect(located.replies.map((r: { text: string }) => r.text).join('\n')).toMatch(/街道/)
  })
})
