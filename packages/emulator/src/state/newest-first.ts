/**
 * The order of every listing the account gives (drafts, news, materials, publishes, the index
 * page): newest first by the clock, and by change number among changes made in the same
 * millisecond, so the order is exact and never up to how a sort breaks ties.
 */
export function newestFirst<Item extends { sequence: number }>(items: Iterable<Item>, changedAt: (item: Item) => number): Item[] {
  return [...items].sort((a, b) => changedAt(b) - changedAt(a) || b.sequence - a.sequence)
}
