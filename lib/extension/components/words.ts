/** The word for `n` things: `noun(1, 'note')` is "note", `noun(2, 'summary', 'summaries')` "summaries". */
export function noun(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
