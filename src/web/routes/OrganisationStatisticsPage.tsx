/** Being built (issue 6). */
export function OrganisationStatisticsPage() {
  return null;
}
