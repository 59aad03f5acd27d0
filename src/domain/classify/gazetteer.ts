import data from './data/changzhou-gazetteer.json'
import { TermMatcher } from './matcher'
import { DISTRICTS, type District } from './types'

interface Place {
  name: string
  district: District
}

function entries(): [string, Place][] {
  const out: [string, Place][] = []
  for (const d of data.districts) {
    const district = d.name as District
    for (const alias of [d.name, ...d.aliases])
      out.push([alias.toLowerCase(), { name: d.name, district }])
  }
  for (const p of data.places) {
    const district = p.district as District
    if (!DISTRICTS.includes(district))
      throw new Error(`gazetteer: ${p.name} has unknown district ${p.district}`)
    for (const alias of [p.name, ...p.aliases])
      out.push([alias.toLowerCase(), { name: p.name, district }])
  }
  return out
}

const matcher = new TermMatcher<Place>(entries())

/** The first place in a normalised text that the gazetteer knows, with the words that named it. */
export function findPlace(text: string): { district: District; term: string } | null {
  const match = matcher.findAll(text)[0]
  return match ? { district: match.value.district, term: match.term } : null
}
