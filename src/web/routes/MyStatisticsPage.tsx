/** Being built (issue 6). */
export function MyStatisticsPage() {
  return null;
}
