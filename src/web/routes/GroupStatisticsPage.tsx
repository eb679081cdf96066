/** Being built (issue 6). */
export function GroupStatisticsPage() {
  return null;
}
