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
    const place = { name: p.name, district, isDistrict: false }
    for (const alias of [p.name, ...p.aliases]) out.push([alias.toLowerCase(), place])
    for (const alias of shortForms(p.name, p.aliases)) out.push([alias, place])
  }
  return out
}

// Words after a street's or town's short name that make it a place: 「青龙这边」, 「茶山附近」.
const PLACE_WORDS = [
  '这边',
  '那边',
  '这里',
  '那里',
  '这一带',
  '那一带',
  '一带',
  '附近',
  '片区',
  '这片',
  '那片',
  '街上',
  '镇上',
]
// short names that stay ordinary words even then (新桥附近: near a new bridge)
const NOT_PLACES = new Set(['新桥'])

/**
 * A street's or town's short name (青龙 for 青龙街道) when the gazetteer does not list it as an
 * alias because it is also an ordinary word: it counts only with a word of place after it.
 */
function shortForms(name: string, aliases: readonly string[]): string[] {
  const short = name.replace(/(街道|镇)$/, '')
  if (short === name || short.length < 2 || aliases.includes(short) || NOT_PLACES.has(short))
    return []
  return PLACE_WORDS.map((word) => short + word)
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
