/**
 * Reads the company size a lead typed or picked ("51-200", "1000+", "12", "1,001–5,000",
 * "10k+") as one representative head count: the midpoint of a range, the floor of an open
 * range, the number itself. A single number lets fit rules use plain min/max bounds.
 */
export function employeesFromCompanySize(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const numbers = [...text.slice(0, 100).toLowerCase().replace(/,/g, '').matchAll(/(\d+(?:\.\d+)?)\s*(k)?/g)].map(
    (m) => Number(m[1]) * (m[2] ? 1000 : 1),
  );
  const [low, high] = numbers;
  if (low === undefined) return undefined;
  return high === undefined ? low : (low + high) / 2;
}
