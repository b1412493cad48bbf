// Appending one list to another without spreading it into arguments: `push(...items)` passes every item on the stack,
// and a report written as one 20 MB line yields hundreds of thousands of figures in one paragraph — more arguments than
// the stack holds (RangeError). Wherever a list's length follows from the input, append with this.

export function append<T>(into: T[], items: readonly T[]): T[] {
  for (const x of items) into.push(x);
  return into;
}
