import { serveStatic } from '@hono/node-server/serve-static'
import type { MiddlewareHandler } from 'hono'

/**
 * /static/* on Node: the pages' own files from public/, and Apache ECharts from node_modules
 * (the version package.json pins; no CDN, so the dashboard works on the bureau's closed network).
 */
export function staticFiles(): MiddlewareHandler {
  const echarts = serveStatic({ path: './node_modules/echarts/dist/echarts.min.js' })
  const pub = serveStatic({ root: './public' })
  return (c, next) => (c.req.path === '/static/vendor/echarts.min.js' ? echarts : pub)(c, next)
}
