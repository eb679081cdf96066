/** React-query keys of the viewer's feed; a live "feed.changed" event refreshes everything under feedKey. */
export const feedKey = ["feed"] as const;
