import { describe, expect, it } from 'vitest'
import { distanceMetres, pickDuplicate, placeKey, type DuplicateCandidate } from './duplicates'

const candidate = (over: Partial<DuplicateCandidate>): DuplicateCandidate => ({
  id: 1,
  number: 'CZ20261128-0001',
  lat: null,
  lng: null,
  place_key: null,
  created_at: '2026-11-28T01:00:00.000Z',
  ...over,
})

describe('duplicate complaints', () => {
  it('measures a few hundred metres on the ground', () => {
    // about 0.0027° of latitude is 300 m
    const d = distanceMetres({ lat: 31.78, lng: 119.95 }, { lat: 31.7827, lng: 119.95 })
    expect(d).toBeGreaterThan(295)
    expect(d).toBeLessThan(305)
  })

  it('names the same premises alike however the resident writes it', () => {
    expect(placeKey('钟楼区南大街老张饭店油烟太大', null)).toBe('南大街老张饭店')
    expect(placeKey('南大街 老张饭店 的油烟呛人！', null)).toBe('南大街老张饭店')
    expect(placeKey('油烟', '江苏省常州市钟楼区南大街老张饭店')).toBe('南大街老张饭店')
    expect(placeKey('噪声很大', '常州市武进区花园街88号')).toBe('花园街88号')
  })

  it('does not take a town or a bare word for a place', () => {
    expect(placeKey('武进区湖塘镇工厂每天冒黑烟', null)).toBeNull()
    expect(placeKey('湖塘镇一家工厂冒黑烟', null)).toBeNull()
    expect(placeKey('天宁区噪声扰民', null)).toBeNull()
  })

  it('suggests the case about the same place, else the nearest within 300 m', () => {
    const near = candidate({ id: 2, number: 'N', lat: 31.781, lng: 119.95 })
    const far = candidate({ id: 3, number: 'F', lat: 31.79, lng: 119.95 })
    const named = candidate({ id: 4, number: 'S', place_key: '南大街老张饭店' })
    const here = { lat: 31.78, lng: 119.95, place_key: null }
    expect(pickDuplicate(here, [far, near])).toMatchObject({
      primary: { number: 'N' },
      reason: 'nearby',
      distanceM: 111,
    })
    expect(pickDuplicate(here, [far])).toBeNull()
    expect(pickDuplicate({ ...here, place_key: '南大街老张饭店' }, [near, named])).toMatchObject({
      primary: { number: 'S' },
      reason: 'same_place',
    })
  })
})
