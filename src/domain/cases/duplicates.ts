/** How near, how recent: a complaint this close to an open one of its kind is likely the same. */
export const DUPLICATE_RADIUS_M = 300
export const DUPLICATE_WINDOW_DAYS = 7

const EARTH_RADIUS_M = 6_371_000

/** Great-circle distance in metres (haversine): exact enough for a few hundred metres. */
export function distanceMetres(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const rad = (d: number) => (d * Math.PI) / 180
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h))
}

/** The latitude and longitude span of a square around a point, for an indexed pre-filter. */
export function boundingBox(p: { lat: number; lng: number }, metres: number) {
  const dLat = (metres / EARTH_RADIUS_M) * (180 / Math.PI)
  const dLng = dLat / Math.cos((p.lat * Math.PI) / 180)
  return { minLat: p.lat - dLat, maxLat: p.lat + dLat, minLng: p.lng - dLng, maxLng: p.lng + dLng }
}

// Premises a complaint names: the words before one of these ends, e.g. 南大街老张饭店, 华润小区.
const PREMISES =
  /([\p{Script=Han}A-Za-z0-9]{2,14}?(?:饭店|酒店|餐馆|餐厅|饭馆|面馆|烧烤|火锅|大排档|KTV|ktv|酒吧|茶楼|网吧|浴室|工厂|化工厂|加工厂|印染厂|电镀厂|厂|公司|工地|项目|小区|花园|公寓|新村|苑|广场|市场|菜场|超市|商场|洗车场|汽修厂|加油站|学校|医院|宾馆|养殖场|垃圾站|中转站))/u
// A street address with a house number: 花园街88号, 延陵西路123号
const HOUSE_NUMBER = /([\p{Script=Han}]{1,10}(?:路|街|大道|巷|弄)\d{1,5}号)/u
// What comes before the premises' own name and makes no difference to which place it is
const ADMIN_PREFIX =
  /^(?:江苏省|江苏|常州市|常州|天宁区|钟楼区|新北区|武进区|金坛区|溧阳市|常州经开区|经开区|\p{Script=Han}{2,4}?(?:镇|街道|乡))+/u
const FILLER =
  /^(?:一家|这家|那家|一个|这个|那个|某|有个|有家|附近的?|旁边的?|对面的?|楼下的?|隔壁的?|我家|我们)+/u
const GENERIC = new Set([
  '工厂',
  '公司',
  '工地',
  '小区',
  '饭店',
  '市场',
  '超市',
  '学校',
  '医院',
  '项目',
])

function tidy(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase()
}

/**
 * The normalised name of the place a complaint is about — a house-number address, or the
 * premises it names (a restaurant, factory, site or estate) — so two residents who name the
 * same place match; null when only a town or district is named, which is too broad to tell.
 */
export function placeKey(description: string, address: string | null): string | null {
  for (const text of [address ?? '', description]) {
    const t = tidy(text)
    const house = HOUSE_NUMBER.exec(t)?.[1]
    if (house) return house.replace(ADMIN_PREFIX, '')
    const premises = PREMISES.exec(t.replace(ADMIN_PREFIX, ''))?.[1]
    if (premises) {
      const name = premises.replace(ADMIN_PREFIX, '').replace(FILLER, '')
      if (name.length >= 3 && !GENERIC.has(name)) return name
    }
  }
  return null
}

export interface DuplicateCandidate {
  id: number
  number: string
  lat: number | null
  lng: number | null
  place_key: string | null
  created_at: string
}

export interface DuplicateMatch {
  primary: DuplicateCandidate
  reason: 'nearby' | 'same_place'
  distanceM: number | null
}

/**
 * Which open case, of the same category and department and filed within the window, a new
 * complaint most likely repeats: the same named place first, then the nearest within 300 m;
 * the earliest case wins a tie, as it is the one being worked on.
 */
export function pickDuplicate(
  c: { lat: number | null; lng: number | null; place_key: string | null },
  candidates: readonly DuplicateCandidate[],
): DuplicateMatch | null {
  const byAge = [...candidates].sort(
    (a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id,
  )
  const distance = (o: DuplicateCandidate) =>
    c.lat !== null && c.lng !== null && o.lat !== null && o.lng !== null
      ? distanceMetres({ lat: c.lat, lng: c.lng }, { lat: o.lat, lng: o.lng })
      : null
  const same = c.place_key ? byAge.find((o) => o.place_key === c.place_key) : undefined
  if (same) {
    const d = distance(same)
    return { primary: same, reason: 'same_place', distanceM: d === null ? null : Math.round(d) }
  }
  let best: DuplicateMatch | null = null
  for (const o of byAge) {
    const d = distance(o)
    if (d !== null && d <= DUPLICATE_RADIUS_M && (best === null || d < best.distanceM!))
      best = { primary: o, reason: 'nearby', distanceM: Math.round(d) }
  }
  return best
}
