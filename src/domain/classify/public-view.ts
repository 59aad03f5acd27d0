import type { Classification } from './types'

/** The fields other programs rely on (SPEC §3), as `npm run classify` and the API print them. */
export function publicView(c: Classification) {
  const { intent, category, subcategory, confidence, district, terms, urgent } = c
  return { intent, category, subcategory, confidence, district, terms, urgent }
}
