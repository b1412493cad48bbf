// Limits every face applies to what people type: ids and counts fit PostgreSQL's `int` (a bigger one is no row of
// ours, and the database would refuse to compare it).
export const INT_MAX = 2_147_483_647;
