import { afterEach, beforeEach, expect, it } from 'vitest'
import { z } from 'zod'
import { countRows, describeEachDialect, migratedStore, type TestStore } from './support/stores'
import { testApp } from './support/test-app'

// The shapes GeoReport v2 gives its JSON answers (wiki.open311.org/GeoReport_v2)
const service = z.strictObject({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
})
const request = z.strictObject({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string().nullable(),
  service_code: z.string().nullable(),
  description: z.string().nullable(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.iso.datetime({ offset: true }),
  updated_datetime: z.iso.datetime({ offset: true }).nullable(),
  expected_datetime: z.iso.datetime({ offset: true }).nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
})
const errors = z
  .array(z.strictObject({ code: z.number().int(), description: z.string().min(1) }))
  .min(1)
const created = z.array(
  z.strictObject({
    service_request_id: z.string(),
    service_notice: z.string(),
    account_id: z.null(),
  }),
)

describeEachDialect('Open311 GeoReport v2', (open) => {
  let store: TestStore
  let app: ReturnType<typeof testApp>['app']
  beforeEach(async () => {
    store = await migratedStore(open)
    app = testApp(store, { OPEN311_API_KEYS: 'key-app-1, key-app-2' }).app
  })
  afterEach(async () => store.cleanup())

  const post = (fields: Record<string, string>) =>
    app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })
  const json = async (res: Response) => (await res.json()) as unknown

  it('describes itself and lists the complaint taxonomy as services', async () => {
    const discovery = (await json(await app.request('/open311/v2/discovery.json'))) as {
      endpoints: { specification: string; formats: string[] }[]
    }
    expect(discovery.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      formats: ['application/json'],
    })
    const services = z
      .array(service)
      .parse(await json(await app.request('/open311/v2/services.json')))
    expect(services.map((s) => s.service_code)).toEqual(
      expect.arrayContaining(['air.catering_fumes', 'noise.construction', 'water', 'waste']),
    )
    expect(await json(await app.request('/open311/v2/services/noise.construction.json'))).toEqual({
      service_code: 'noise.construction',
      attributes: [],
    })
    const missing = await app.request('/open311/v2/services/parking.json')
    expect(missing.status).toBe(404)
    errors.parse(await json(missing))
  })

  it('files a request through the same filing as the chat, and reads it back', async () => {
    const res = await post({
      api_key: 'key-app-2',
      service_code: 'noise.construction',
      address_string: '武进区湖塘镇花园街',
      description: '工地每天夜里十一点以后还在打桩',
    })
    expect(res.status).toBe(201)
    const [filed] = created.parse(await json(res))
    expect(filed!.service_request_id).toBe('CZ20261128-0001')
    expect(filed!.service_notice).toMatch(/武进/)

    const [one] = z
      .array(request)
      .parse(await json(await app.request('/open311/v2/requests/CZ20261128-0001.json')))
    expect(one).toMatchObject({
      status: 'open',
      status_notes: '待受理',
      service_code: 'noise.construction',
      description: '工地每天夜里十一点以后还在打桩',
      agency_responsible: expect.stringMatching(/武进/),
      address: expect.stringMatching(/湖塘/),
    })
    expect(Date.parse(one!.expected_datetime!)).toBeGreaterThan(Date.parse(one!.requested_datetime))
    const row = await store.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      reporter_channel: 'open311',
      district: '武进区',
      category: 'noise',
    })
  })

  it('takes a point instead of an address, and lists requests with the filters of the spec', async () => {
    await post({
      api_key: 'key-app-1',
      service_code: 'water',
      lat: '31.7806',
      long: '119.9561',
      description: '河里有死鱼，水发黑',
    })
    await post({
      api_key: 'key-app-1',
      service_code: 'air.catering_fumes',
      address_string: '钟楼区南大街',
      description: '饭店油烟',
    })
    const list = (query: string) =>
      Promise.resolve(app.request(`/open311/v2/requests.json?${query}`)).then(async (r) =>
        z.array(request).parse(await json(r)),
      )
    expect(await list('')).toHaveLength(2)
    const water = await list('service_code=water')
    expect(water).toHaveLength(1)
    expect(water[0]).toMatchObject({ lat: 31.7806, long: 119.9561 })
    // catering fumes go to urban management: transferred, so closed here, and it says so
    const closed = await list('status=closed')
    expect(closed).toHaveLength(1)
    expect(closed[0]).toMatchObject({ service_code: 'air.catering_fumes', expected_datetime: null })
    expect(closed[0]!.status_notes).toMatch(/^已转办：已转交/)
    expect(await list('status=open')).toHaveLength(1)
    expect(await list('service_request_id=CZ20261128-0002')).toHaveLength(1)
    expect(
      await list('start_date=2026-12-01T00:00:00%2B08:00&end_date=2026-12-31T00:00:00%2B08:00'),
    ).toHaveLength(0)
    const tooLong = await app.request(
      '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z',
    )
    expect(tooLong.status).toBe(400)
    errors.parse(await json(tooLong))
  })

  it.each([
    ['no api_key', { service_code: 'water', address_string: '天宁区', description: 'x' }, 403],
    [
      'an unknown api_key',
      { api_key: 'nope', service_code: 'water', address_string: '天宁区' },
      403,
    ],
    [
      'an unknown service',
      { api_key: 'key-app-1', service_code: 'parking', address_string: '天宁区' },
      404,
    ],
    ['no location', { api_key: 'key-app-1', service_code: 'water', description: '污水' }, 400],
    [
      'a latitude out of range',
      { api_key: 'key-app-1', service_code: 'water', lat: '131', long: '119' },
      400,
    ],
    [
      'a description over 4,000 characters',
      {
        api_key: 'key-app-1',
        service_code: 'water',
        address_string: '天宁区',
        description: '污'.repeat(4001),
      },
      400,
    ],
  ])(
    'refuses a request with %s, as an Open311 error, filing nothing',
    async (_what, fields, status) => {
      const res = await post(fields as Record<string, string>)
      expect(res.status).toBe(status)
      const [error] = errors.parse(await json(res))
      expect(error!.code).toBe(status)
      expect(await countRows(store, 'cases')).toBe(0)
    },
  )

  it('answers an unknown request id and an unknown path with a 404 in Open311 form', async () => {
    for (const path of ['/open311/v2/requests/CZ20990101-0001.json', '/open311/v2/nothing.json']) {
      const res = await app.request(path)
      expect(res.status).toBe(404)
      errors.parse(await json(res))
    }
  })
})
