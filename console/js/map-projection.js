// The live map's geometry, a pure function of coordinates: an equirectangular projection (east-west
// distances scaled by the cosine of the middle latitude) fitted into a width × height box, which is
// true enough at the scale of a region's sites. No tiles, no DOM.

const METRES_PER_DEGREE = 111_320;
/** The span shown around a single point (or none), in degrees of latitude (≈ 2 km). */
const SMALLEST_SPAN = 0.02;

/**
 * Fits `points` ({latitude, longitude}) into the box with `padding` pixels on each side.
 * @returns {{project: (latitude: number, longitude: number) => [number, number], pixelsPerMetre: number}}
 */
export function fit(points, { width, height, padding = 40 }) {
  const latitudes = points.map((p) => p.latitude);
  const longitudes = points.map((p) => p.longitude);
  const middle = points.length ? (Math.min(...latitudes) + Math.max(...latitudes)) / 2 : 0;
  const squeeze = Math.cos((middle * Math.PI) / 180);
  const centre = points.length
    ? [(Math.min(...longitudes) + Math.max(...longitudes)) / 2 * squeeze, middle]
    : [0, 0];
  const spanX = points.length ? Math.max((Math.max(...longitudes) - Math.min(...longitudes)) * squeeze, SMALLEST_SPAN) : SMALLEST_SPAN;
  const spanY = points.length ? Math.max(Math.max(...latitudes) - Math.min(...latitudes), SMALLEST_SPAN) : SMALLEST_SPAN;
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  return {
    project: (latitude, longitude) => [
      width / 2 + (longitude * squeeze - centre[0]) * scale,
      height / 2 - (latitude - centre[1]) * scale,
    ],
    pixelsPerMetre: scale / METRES_PER_DEGREE,
  };
}
