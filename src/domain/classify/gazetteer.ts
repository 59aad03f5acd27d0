import data from './data/changzhou-gazetteer.json'
import { TermMatcher } from './matcher'
import { DISTRICTS, type District } from './types'

interface Place {
  name: string
  district: District
  /** a district's own name or alias, as opposed to a street, town or landmark inside one */
  isDistrict: boolean
}

function entries(): [string, Place][] {
  const out: [string, Place][] = []
  for (const d of data.districts) {
    const district = d.name as District
    for (const alias of [d.name, ...d.aliases])
      out.push([alias.toLowerCase(), { name: d.name, district, isDistrict: true }])
  }
  for (const p of data.places) {
    const district = p.district as District
    if (!DISTRICTS.includes(district))
      throw new Error(`gazetteer: ${p.name} has unknown district ${p.district}`)
    for (const alias of [p.name, ...p.aliases])
      out.push([alias.toLowerCase(), { name: p.name, district, isDistrict: false }])
  }
  return out
}

const matcher = new TermMatcher<Place>(entries())

/**
 * The place a normalised text names, with the words that named it: the first street, town or
 * landmark when there is one — it is the more precise, and 「武进区遥观镇」 lies in 常州经开区 —
 * otherwise the first district named.
 */
export function findPlace(text: string): { district: District; term: string } | null {
  const matches = matcher.findAll(text)
  const match = matches.find((m) => !m.value.isDistrict) ?? matches[0]
  return match ? { district: match.value.district, term: match.term } : null
}
