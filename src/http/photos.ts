import { Hono } from 'hono'
import { AppError } from '../errors'
import { limitBody } from './body-limit'
import { chatSession } from './chat'
import type { AppEnv, Deps } from './env'
import { CONTENT_TYPES, imageTypeOf, type ImageType } from './image-type'
import { clientAddress, rateLimit } from './rate-limit'

const NAME = /^[0-9a-f-]{36}\.(jpg|png|webp)$/

/**
 * Photos residents attach to a complaint: the raw image as the request body (JPEG, PNG or WebP,
 * checked by content), answered with the URL to send as {"imageUrl"} in the chat.
 */
export function photoRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  const max = deps.config.PHOTO_LIMIT_BYTES
  const store = () => {
    if (!deps.photos) throw new AppError('UNAVAILABLE', '暂时不能接收照片')
    return deps.photos
  }

  app.post(
    '/',
    limitBody(max, () => {
      throw new AppError('PAYLOAD_TOO_LARGE', `照片不能超过 ${Math.round(max / 1024 / 1024)} MB`)
    }),
    rateLimit(
      deps.config.RATE_LIMIT_PER_MINUTE > 0 ? deps.config.RATE_LIMIT_PER_ADDRESS_PER_MINUTE : 0,
      clientAddress,
      deps.now,
    ),
    chatSession(deps),
    rateLimit(deps.config.RATE_LIMIT_PER_MINUTE, (c) => c.get('session').id, deps.now),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      const type = imageTypeOf(bytes)
      if (!type) throw new AppError('VALIDATION_FAILED', '只能上传 JPEG、PNG 或 WebP 格式的照片')
      const name = `${crypto.randomUUID()}.${type}`
      await store().put(name, bytes)
      return c.json({ imageUrl: `/api/v1/photos/${name}` }, 201)
    },
  )

  // The name is a random UUID handed only to the resident who sent the photo (and later staff).
  app.get('/:name', async (c) => {
    const name = c.req.param('name')
    if (!NAME.test(name)) throw new AppError('NOT_FOUND', '没有这张照片')
    const bytes = await store().get(name)
    if (!bytes) throw new AppError('NOT_FOUND', '没有这张照片')
    const type = name.split('.')[1] as ImageType
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': CONTENT_TYPES[type],
      'Cache-Control': 'private, max-age=86400',
    })
  })

  return app
}
