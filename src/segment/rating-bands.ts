import type { RatingLabel } from '../schema/report.ts';

/**
 * The band of a standard's lowest key-question percentage, as data. These bands are the ones
 * consistent with every report seen so far; change them here if the inspectorate's methodology
 * says otherwise.
 */
export const RATING_BANDS: { min: number; rating: RatingLabel }[] = [
  { min: 80, rating: 'Outstanding' },
  { min: 65, rating: 'Good' },
  { min: 50, rating: 'Requires improvement' },
  { min: 0, rating: 'Inadequate' },
];

export function bandOf(percent: number): RatingLabel {
  return RATING_BANDS.find((b) => percent >= b.min)!.rating;
}
