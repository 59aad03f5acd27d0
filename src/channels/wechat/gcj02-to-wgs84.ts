// WeChat reports locations in GCJ-02, China's offset datum; storage and maps elsewhere use WGS84.
// The standard inverse by one correction step: accurate to a few metres inside China.
const A = 6378245.0
const EE = 0.006693421622965943

function delta(lat: number, lng: number): { dLat: number; dLng: number } {
  const x = lng - 105.0
  const y = lat - 35.0
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  dLat += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  dLat += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0
  dLat +=
    ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0
  let dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  dLng += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  dLng += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0
  dLng +=
    ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0
  const radLat = (lat / 180.0) * Math.PI
  const magic = 1 - EE * Math.sin(radLat) ** 2
  const sqrtMagic = Math.sqrt(magic)
  return {
    dLat: (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI),
    dLng: (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI),
  }
}

/** GCJ-02 (what WeChat reports) to WGS84 (what the case stores). */
export function gcj02ToWgs84(lat: number, lng: number): { lat: number; lng: number } {
  const { dLat, dLng } = delta(lat, lng)
  return { lat: lat - dLat, lng: lng - dLng }
}
