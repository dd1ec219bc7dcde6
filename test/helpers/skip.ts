// Every skipped test says why, in the test output, not only in the source.
export function skipBecause(condition: boolean, reason: string): boolean {
  if (condition) console.warn(`[skipped] ${reason}`);
  return condition;
}
