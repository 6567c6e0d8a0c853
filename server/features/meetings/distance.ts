/** Distances on the globe, for "near me": great-circle distance and a box to find candidates by. */

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI * EARTH_RADIUS_KM) / 180;
export const KM_PER_MILE = 1.609344;

export interface Position {
  latitude: number;
  longitude: number;
}

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Haversine distance in kilometres. */
export function distanceKm(a: Position, b: Position): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLng = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface BoundingBox {
  latitude: [number, number];
  /** One range, or two when the box crosses the antimeridian. */
  longitude: [number, number][];
}

/** A box holding every point within `radiusKm` of `center` (and some more, in its corners). */
export function boundingBox(center: Position, radiusKm: number): BoundingBox {
  const dLat = radiusKm / KM_PER_DEGREE;
  const latitude: [number, number] = [Math.max(-90, center.latitude - dLat), Math.min(90, center.latitude + dLat)];
  const nearPole = latitude[0] === -90 || latitude[1] === 90;
  const dLng = nearPole ? 180 : radiusKm / (KM_PER_DEGREE * Math.cos(radians(Math.max(Math.abs(latitude[0]), Math.abs(latitude[1])))));
  if (dLng >= 180) return { latitude, longitude: [[-180, 180]] };
  const [west, east] = [center.longitude - dLng, center.longitude + dLng];
  if (west < -180) return { latitude, longitude: [[west + 360, 180], [-180, east]] };
  if (east > 180) return { latitude, longitude: [[west, 180], [-180, east - 360]] };
  return { latitude, longitude: [[west, east]] };
}
