/** Map keys are equal by SameValueZero: NaN is NaN, and 0 is -0. */
export function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b);
}
